package org.eldercare.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checker catches what it is there to catch: a deliberately broken manifest set, in memory. */
class ManifestChecksTest {

    private static final String BROKEN = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: careless
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: careless
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: careless
                spec:
                  containers:
                    - name: careless
                      image: eldercare/careless:1
                      readinessProbe:
                        tcpSocket:
                          port: 8080
                      resources:
                        requests:
                          memory: 256Mi
                      envFrom:
                        - configMapRef:
                            name: missing-config
                      env:
                        - name: PASSWORD
                          valueFrom:
                            secretKeyRef:
                              name: present-secret
                              key: absent-key
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: present-secret
            stringData:
              password: x
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: nowhere
            spec:
              selector:
                app.kubernetes.io/name: nobody
              ports:
                - port: 80
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata:
              name: careless
            spec:
              scaleTargetRef:
                apiVersion: apps/v1
                kind: Deployment
                name: gone
              minReplicas: 1
              maxReplicas: 3
            """;

    @Test
    void reportsEveryBrokenRule() throws Exception {
        List<String> v = ManifestChecks.violations(Manifests.parse(BROKEN));
        List<String> expected = List.of(
                "Deployment/careless container careless has no readinessProbe on a /q/health endpoint",
                "Deployment/careless container careless has no livenessProbe on a /q/health endpoint",
                "Deployment/careless container careless has no cpu requests",
                "Deployment/careless container careless has no cpu limits",
                "Deployment/careless container careless has no memory limits",
                "Deployment/careless container careless may run as root: runAsNonRoot is not true",
                "Deployment/careless container careless allows privilege escalation",
                "Deployment/careless refers to ConfigMap missing-config",
                "Deployment/careless refers to key absent-key of Secret present-secret",
                "Service/nowhere selects",
                "HorizontalPodAutoscaler/careless targets Deployment/gone",
                "Deployment/careless has no Service",
                "Deployment/careless has no PodDisruptionBudget",
                "Deployment/careless has no HorizontalPodAutoscaler");
        for (String e : expected) {
            assertTrue(v.stream().anyMatch(s -> s.startsWith(e)),
                    "expected a violation like \"" + e + "\" in " + v);
        }
        assertEquals(expected.size(), v.size(), String.join("\n", v));
    }

    @Test
    void aSoundManifestPasses() throws Exception {
        String sound = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: careful
                spec:
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: careful
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: careful
                    spec:
                      securityContext:
                        runAsNonRoot: true
                        runAsUser: 185
                      containers:
                        - name: careful
                          image: eldercare/careful:1
                          readinessProbe:
                            httpGet:
                              path: /q/health/ready
                              port: 8080
                          livenessProbe:
                            httpGet:
                              path: /q/health/live
                              port: 8080
                          resources:
                            requests: {cpu: 100m, memory: 256Mi}
                            limits: {cpu: "1", memory: 256Mi}
                          securityContext:
                            allowPrivilegeEscalation: false
                          envFrom:
                            - configMapRef:
                                name: careful-config
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: careful-config
                data:
                  A: b
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: careful
                spec:
                  selector:
                    app.kubernetes.io/name: careful
                  ports:
                    - port: 8080
                ---
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: careful
                spec:
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app.kubernetes.io/name: careful
                ---
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: careful
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: careful
                  minReplicas: 1
                  maxReplicas: 2
                """;
        assertEquals(List.of(), ManifestChecks.violations(Manifests.parse(sound)));
    }
}
