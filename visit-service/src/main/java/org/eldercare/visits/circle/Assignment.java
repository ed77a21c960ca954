package org.eldercare.visits.circle;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** A patrol visitor assigned to an elder; {@code position} 0 is the primary visitor, who gets the visit plan. */
@Entity
@Table(name = "assignment")
@IdClass(Assignment.Key.class)
public class Assignment extends PanacheEntityBase {
    @Id
    @Column(name = "elder_id")
    public String elderId;
    @Id
    @Column(name = "visitor_id")
    public String visitorId;
    public int position;

    public static class Key implements Serializable {
        public String elderId;
        public String visitorId;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(elderId, k.elderId) && Objects.equals(visitorId, k.visitorId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(elderId, visitorId);
        }
    }
}
