package org.eldercare.visits.access;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The alert service told us an alert about {@code elderId} went to {@code visitorId}: they may see the elder until {@code until}. */
@Entity
@Table(name = "dispatch_grant")
@IdClass(DispatchGrant.Key.class)
public class DispatchGrant extends PanacheEntityBase {
    @Id
    @Column(name = "alert_id")
    public String alertId;
    @Id
    @Column(name = "visitor_id")
    public String visitorId;
    @Column(name = "elder_id")
    public String elderId;
    public Instant until;
    @Column(name = "created_at")
    public Instant createdAt;

    public static class Key implements Serializable {
        public String alertId;
        public String visitorId;

        public Key() {
        }

        public Key(String alertId, String visitorId) {
            this.alertId = alertId;
            this.visitorId = visitorId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(alertId, k.alertId) && Objects.equals(visitorId, k.visitorId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(alertId, visitorId);
        }
    }
}
