package org.eldercare.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A rendered set of Kubernetes objects: what {@code kubectl kustomize} prints, parsed. */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<JsonNode> objects;

    private Manifests(List<JsonNode> objects) {
        this.objects = List.copyOf(objects);
    }

    public static Manifests parse(String yaml) throws IOException {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && node.isObject() && node.has("kind")) {
                    objects.add(node);
                }
            }
        }
        return new Manifests(objects);
    }

    /** Renders an overlay through the project's kubectl wrapper, which installs kubectl when it is missing. */
    public static Manifests render(Path repositoryRoot, String kustomizationDir) throws IOException, InterruptedException {
        Path script = repositoryRoot.resolve("scripts/kubectl.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException(script + " is missing or not executable");
        }
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder(script.toString(), "kustomize", kustomizationDir)
                    .directory(repositoryRoot.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomizationDir + " failed (exit " + p.exitValue()
                        + "):\n" + Files.readString(stderr));
            }
            return parse(out);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    public List<JsonNode> all() {
        return objects;
    }

    public List<JsonNode> ofKind(String... kinds) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode o : objects) {
            for (String k : kinds) {
                if (k.equals(o.path("kind").asText())) {
                    found.add(o);
                }
            }
        }
        return found;
    }

    public static String name(JsonNode o) {
        return o.path("metadata").path("name").asText();
    }

    public static String id(JsonNode o) {
        return o.path("kind").asText() + "/" + name(o);
    }
}
