package org.eldercare.visits.idempotency;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The outcome of one write from the app, kept so a replay with the same client id gets the same answer. */
@Entity
@Table(name = "client_write")
public class ClientWrite extends PanacheEntityBase {
    @Id
    @Column(name = "client_id")
    public String clientId;
    public String caller;
    public String operation;
    @Column(name = "request_json")
    public String requestJson;
    public int status;
    @Column(name = "response_json")
    public String responseJson;
    @Column(name = "created_at")
    public Instant createdAt;
}
