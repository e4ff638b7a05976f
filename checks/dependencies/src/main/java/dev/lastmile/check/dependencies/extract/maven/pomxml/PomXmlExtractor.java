package dev.lastmile.check.dependencies.extract.maven.pomxml;

import dev.lastmile.check.dependencies.extract.Extraction;
import dev.lastmile.check.dependencies.extract.Extractor;
import dev.lastmile.check.dependencies.model.Ecosystem;
import dev.lastmile.check.dependencies.model.MalformedManifestException;
import dev.lastmile.check.dependencies.model.Package;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * {@code pom.xml}: the direct {@code <dependencies>} and {@code <dependencyManagement>} entries, with
 * {@code ${property}} references resolved from the POM's own {@code <properties>} and project/parent versions.
 * Versions inherited from a parent or BOM outside the file stay unknown (null) and are reported as not checked.
 * Read with StAX, DTDs and external entities disabled (XXE-safe).
 */
public final class PomXmlExtractor implements Extractor {

    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private record Raw(String group, String artifact, String version, String scope, int line, boolean managed) {
    }

    @Override
    public String name() {
        return "java/pomxml";
    }

    @Override
    public boolean fileRequired(String path) {
        String f = Extractor.fileName(path);
        return f.equals("pom.xml") || (f.endsWith(".pom") && !path.contains("/.m2/"));
    }

    @Override
    public Extraction extract(String path, String text) throws MalformedManifestException {
        if (text.isBlank()) {
            throw new MalformedManifestException(1, "empty file, not a Maven POM");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        Map<String, String> props = new HashMap<>();
        List<Raw> raws = new ArrayList<>();
        Deque<String> stack = new ArrayDeque<>();
        Map<String, String> dep = null;
        int depLine = 0;
        StringBuilder chars = new StringBuilder();
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new StringReader(text));
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    stack.push(r.getLocalName());
                    chars.setLength(0);
                    if (r.getLocalName().equals("dependency") && inDependencies(stack)) {
                        dep = new HashMap<>();
                        depLine = r.getLocation().getLineNumber();
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    chars.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    String name = stack.pop();
                    String value = chars.toString().strip();
                    String parent = stack.peek();
                    if ("properties".equals(parent) && stack.size() == 2) {
                        props.put(name, value);
                    } else if (stack.size() == 1 && name.equals("version")) {
                        props.put("project.version", value);
                    } else if (stack.size() == 1 && name.equals("groupId")) {
                        props.put("project.groupId", value);
                    } else if (stack.size() == 2 && "parent".equals(parent) && name.equals("version")) {
                        props.put("project.parent.version", value);
                        props.putIfAbsent("project.version", value);
                    } else if (dep != null && "dependency".equals(parent)) {
                        dep.put(name, value);
                    } else if (dep != null && name.equals("dependency")) {
                        boolean managed = stack.contains("dependencyManagement");
                        raws.add(new Raw(dep.get("groupId"), dep.get("artifactId"), dep.get("version"),
                                dep.get("scope"), depLine, managed));
                        dep = null;
                    }
                    chars.setLength(0);
                }
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNumber());
            throw new MalformedManifestException(line, "not well-formed XML: " + shortMessage(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
        if (!props.containsKey("project.version") && raws.isEmpty() && !text.contains("<project")) {
            throw new MalformedManifestException(1, "no <project> element: not a Maven POM");
        }
        List<Package> out = new ArrayList<>();
        List<Extraction.Problem> problems = new ArrayList<>();
        for (Raw d : raws) {
            if (d.group() == null || d.artifact() == null) {
                problems.add(new Extraction.Problem(d.line(), "dependency without groupId or artifactId"));
                continue;
            }
            String name = resolve(d.group(), props) + ":" + resolve(d.artifact(), props);
            String version = d.version() == null ? null : resolve(d.version(), props);
            boolean dev = "test".equals(d.scope()) || "provided".equals(d.scope());
            if (version != null && version.contains("${")) {
                problems.add(new Extraction.Problem(d.line(), "version '" + version + "' of " + name
                        + " names a property this POM does not define"));
                continue;
            }
            if (version != null && (version.startsWith("[") || version.startsWith("(") || version.contains(","))) {
                out.add(new Package(Ecosystem.MAVEN, name, null, version, d.line(), true, dev, null));
            } else {
                out.add(new Package(Ecosystem.MAVEN, name, version, null, d.line(), true, dev, null));
            }
        }
        return new Extraction(out, List.of(), problems);
    }

    private static boolean inDependencies(Deque<String> stack) {
        // stack top is "dependency"; its parent must be "dependencies" directly under project or dependencyManagement
        List<String> s = new ArrayList<>(stack);
        return s.size() >= 3 && s.get(1).equals("dependencies")
                && (s.get(2).equals("project") || s.get(2).equals("dependencyManagement"));
    }

    /** Replaces {@code ${name}} from the properties, repeatedly for nested references, at most 10 rounds. */
    static String resolve(String value, Map<String, String> props) {
        String v = value;
        for (int round = 0; round < 10 && v.contains("${"); round++) {
            Matcher m = PROPERTY.matcher(v);
            StringBuilder sb = new StringBuilder();
            boolean changed = false;
            while (m.find()) {
                String replacement = props.get(m.group(1));
                if (replacement != null) {
                    changed = true;
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement != null ? replacement : m.group()));
            }
            m.appendTail(sb);
            v = sb.toString();
            if (!changed) {
                break;
            }
        }
        return v;
    }

    private static String shortMessage(String s) {
        if (s == null) {
            return "parse error";
        }
        String m = s.replaceAll("\\s+", " ");
        int msg = m.indexOf("Message: ");
        m = msg >= 0 ? m.substring(msg + 9) : m;
        return m.length() > 160 ? m.substring(0, 157) + "..." : m;
    }
}
