package org.eldercare.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The container image a service's build produces, read from its {@code application.properties}
 * ({@code quarkus.container-image.*}, {@code quarkus.jib.user}) and the project version, so that the
 * manifests can be compared with what {@code -Dquarkus.container-image.build=true} pushes. The settings belong
 * in {@code application.properties} only: a pom property of the same name would be a second, unread source.
 */
record BuiltImage(String group, String name, String tag, String user, boolean buildByDefault, boolean jib, boolean setInPom) {

    static BuiltImage of(Path root, String service) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(root.resolve(service).resolve("src/main/resources/application.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = System.getProperty("eldercare.version");
        if (version == null) {
            throw new IllegalStateException("the build passes the project version as eldercare.version");
        }
        // Quarkus' defaults: the application name, the application version (the Maven project version)
        String name = p.getProperty("quarkus.container-image.name", "${quarkus.application.name}")
                .replace("${quarkus.application.name}", p.getProperty("quarkus.application.name", service));
        String pom;
        try {
            pom = Files.readString(root.resolve(service).resolve("pom.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuiltImage(p.getProperty("quarkus.container-image.group", "(user name)"), name,
                p.getProperty("quarkus.container-image.tag", version), p.getProperty("quarkus.jib.user", "(base image's)"),
                Boolean.parseBoolean(p.getProperty("quarkus.container-image.build", "false")),
                pom.contains("<artifactId>quarkus-container-image-jib</artifactId>"),
                pom.contains("<quarkus.container-image.") || pom.contains("<quarkus.jib."));
    }

    String reference() {
        return group + "/" + name + ":" + tag;
    }
}
