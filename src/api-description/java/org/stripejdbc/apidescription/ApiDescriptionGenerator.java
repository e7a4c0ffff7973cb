package org.stripejdbc.apidescription;

import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Generates the driver's description of the Stripe API ({@code api-description.json}) from stripe-java, which
 * Stripe generates from its OpenAPI description at one API version. Runs only in the {@code api-description}
 * profile (the driver never depends on the SDK):
 *
 * <pre>
 *   mvn -B -Papi-description generate-resources                          writes the committed resource
 *   mvn -B -Papi-description test -Dapi-description.check=true           fails when it differs from this output
 * </pre>
 *
 * How stripe-java is read:
 *
 * <ul>
 *   <li><b>Paths and operations</b>: every method of every {@code com.stripe.service..*Service} class (v2 left out)
 *       that builds an {@code ApiRequest} holds its path as a string constant ({@code "/v1/charges/%s"}) and its
 *       HTTP method as a {@code GETSTATIC ApiResource$RequestMethod.GET}; ASM reads both from the method's bytecode.
 *       Reflection on the same method gives its generic return type ({@code StripeCollection<Charge>} for a list,
 *       {@code Charge} otherwise) and its {@code *Params} parameter class.
 *   <li><b>Resources</b>: the fields of the model class ({@code com.stripe.model.Charge}) with {@code @SerializedName}
 *       and their Java types ({@code ExpandableField<Customer>} is a reference to customers, {@code Long} an integer
 *       or a Unix time, {@code BigDecimal} a decimal string...). Javadoc from the sources jar (on the same classpath)
 *       adds what the types do not say: the JSON {@code object} name ("Equal to {@code charge}"), enumerations ("One
 *       of {@code a}, {@code b}"), Unix times ("seconds since the Unix epoch").
 *   <li><b>Parameters</b>: the fields of {@code *ListParams}, {@code *CreateParams}, {@code *UpdateParams} and the
 *       actions' params classes with {@code @SerializedName}; an {@code EnumParam} enum gives its values; a field
 *       whose builder takes a nested class with {@code gt/gte/lt/lte} is a range; "<strong>Required.</strong>" in
 *       its Javadoc marks a required one.
 * </ul>
 *
 * <p>The output is sorted and has one resource per line, so a new stripe-java version shows as a readable diff.
 */
public final class ApiDescriptionGenerator {
    private static final Pattern ENUM_SENTENCE = Pattern.compile("(?is)\\b(?:one of|can be)\\b(.*?)(?:\\.\\s|\\.$|$)");
    private static final Pattern CODE = Pattern.compile("\\{@code ([A-Za-z0-9_.\\-]+)}");
    private static final Pattern EQUAL_TO = Pattern.compile("Equal to \\{@code ([a-z0-9_.]+)}");
    private static final Pattern TIME_NAME =
            Pattern.compile("created|updated|.*_at|.*_date|.*period_start|.*period_end|available_on|trial_start"
                    + "|trial_end|.*_time|date|expires");
    private static final Set<String> OPERATIONS = Set.of("list", "retrieve", "create", "update", "delete");

    private final ClassLoader loader = ApiDescriptionGenerator.class.getClassLoader();
    private final Map<String, Map<String, String>> javadocs = new HashMap<>();
    private final Map<String, Map<String, Object>> resources = new TreeMap<>();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: ApiDescriptionGenerator <output file> [--check]");
        }
        Path target = Path.of(args[0]);
        String generated = new ApiDescriptionGenerator().generate();
        if (args.length > 1 && args[1].equals("--check")) {
            String committed = Files.exists(target) ? Files.readString(target) : "";
            if (!committed.equals(generated)) {
                throw new IllegalStateException(target + " differs from what stripe-java gives: run "
                        + "mvn -B -Papi-description generate-resources and commit the result");
            }
            System.out.println(target + " matches stripe-java");
            return;
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, generated);
        System.out.println("wrote " + target);
    }

    /** The whole description as text. */
    public String generate() throws IOException, ReflectiveOperationException, URISyntaxException {
        Class<?> apiVersion = Class.forName("com.stripe.ApiVersion");
        Field current = apiVersion.getDeclaredField("CURRENT");
        current.setAccessible(true);
        String version = (String) current.get(null);
        Path jar = Path.of(Class.forName("com.stripe.Stripe")
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String sdk = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> services = file.stream()
                    .filter(e -> e.getName().startsWith("com/stripe/service/")
                            && !e.getName().startsWith("com/stripe/service/v2/")
                            && e.getName().endsWith("Service.class"))
                    .sorted((a, b) -> a.getName().compareTo(b.getName()))
                    .toList();
            for (JarEntry entry : services) {
                try (InputStream in = file.getInputStream(entry)) {
                    readService(in.readAllBytes());
                }
            }
        }
        return write(version, sdk);
    }

    // ------------------------------------------------------------------------------------------ services

    private record Call(String name, String descriptor, String path, String method) {}

    private void readService(byte[] bytes) throws ReflectiveOperationException {
        List<Call> calls = new ArrayList<>();
        ClassReader reader = new ClassReader(bytes);
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            private String path;
                            private String method;

                            @Override
                            public void visitLdcInsn(Object value) {
                                if (path == null && value instanceof String s && s.startsWith("/v1/")) {
                                    path = s;
                                }
                            }

                            @Override
                            public void visitFieldInsn(int opcode, String owner, String field, String desc) {
                                if (method == null && owner.equals("com/stripe/net/ApiResource$RequestMethod")) {
                                    method = field;
                                }
                            }

                            @Override
                            public void visitEnd() {
                                if (path != null && method != null) {
                                    calls.add(new Call(name, descriptor, path, method));
                                }
                            }
                        };
                    }
                },
                ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        Class<?> service = Class.forName(reader.getClassName().replace('/', '.'), false, loader);
        for (Call call : calls) {
            for (Method m : service.getDeclaredMethods()) {
                if (m.getName().equals(call.name()) && descriptor(m).equals(call.descriptor())) {
                    addOperation(m, call);
                }
            }
        }
    }

    private static String descriptor(Method m) {
        return org.objectweb.asm.Type.getMethodDescriptor(m);
    }

    private void addOperation(Method m, Call call) {
        Type returned = m.getGenericReturnType();
        boolean list = false;
        Class<?> model;
        if (returned instanceof ParameterizedType p
                && ((Class<?>) p.getRawType()).getSimpleName().equals("StripeCollection")
                && p.getActualTypeArguments()[0] instanceof Class<?> element) {
            list = true;
            model = element;
        } else if (returned instanceof Class<?> c && c.getName().startsWith("com.stripe.model.")) {
            model = c;
        } else {
            return;
        }
        if (!model.getName().startsWith("com.stripe.model.") || model.isInterface()) {
            return;
        }
        Class<?> params = null;
        for (Class<?> parameter : m.getParameterTypes()) {
            if (parameter.getName().startsWith("com.stripe.param.")) {
                params = parameter;
            }
        }
        String name = list && call.name().equals("list") ? "list" : call.name();
        Map<String, Object> resource = resource(model);
        Map<String, Object> operation = new TreeMap<>();
        operation.put("method", call.method());
        operation.put("path", call.path().replace("%s", "{}"));
        if (params != null) {
            operation.put("parameters", parameters(params));
        }
        if (list) {
            operation.put("list", true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> operations = (Map<String, Object>) resource.get("operations");
        // One resource may be reached by several paths (a top-level list and one under its parent): the key is the
        // operation and its path, so that none hides another.
        String key = (OPERATIONS.contains(name) ? name : "action:" + name) + " " + operation.get("path");
        operations.put(key, operation);
    }

    // ------------------------------------------------------------------------------------------ resources

    private Map<String, Object> resource(Class<?> model) {
        String object = objectName(model);
        return resources.computeIfAbsent(object, o -> {
            Map<String, Object> resource = new TreeMap<>();
            resource.put("class", model.getName().substring("com.stripe.model.".length()));
            resource.put("fields", fields(model));
            resource.put("operations", new TreeMap<String, Object>());
            return resource;
        });
    }

    /** The JSON {@code object} value ("Equal to {@code issuing.card}"), else the class name in snake case. */
    private String objectName(Class<?> model) {
        String doc = javadoc(model).getOrDefault("object", "");
        Matcher m = EQUAL_TO.matcher(doc);
        if (m.find()) {
            return m.group(1);
        }
        String pkg = model.getPackageName().substring("com.stripe.model".length());
        String prefix = pkg.isEmpty() ? "" : pkg.substring(1) + ".";
        return prefix + snake(model.getSimpleName());
    }

    private Map<String, Object> fields(Class<?> model) {
        Map<String, Object> fields = new TreeMap<>();
        Map<String, String> docs = javadoc(model);
        for (Class<?> c = model; c != null && c.getName().startsWith("com.stripe.model."); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                SerializedName json = f.getAnnotation(SerializedName.class);
                if (json == null || Modifier.isStatic(f.getModifiers()) || fields.containsKey(json.value())) {
                    continue;
                }
                fields.put(json.value(), fieldType(json.value(), f.getGenericType(), docs.get(json.value())));
            }
        }
        return fields;
    }

    private Map<String, Object> fieldType(String name, Type type, String doc) {
        Map<String, Object> out = new TreeMap<>();
        Class<?> raw = raw(type);
        String kind;
        if (raw == String.class) {
            kind = "string";
            List<String> values = enumValues(doc);
            if (!values.isEmpty()) {
                out.put("enum", values);
            }
        } else if (raw == Long.class || raw == Integer.class) {
            kind = isTime(name, doc) ? "timestamp" : "integer";
        } else if (raw == Boolean.class) {
            kind = "boolean";
        } else if (raw == BigDecimal.class) {
            kind = "decimal";
        } else if (raw == Double.class || raw == Float.class) {
            kind = "number";
        } else if (raw.getSimpleName().equals("ExpandableField")) {
            kind = "string";
            Class<?> target = raw(((ParameterizedType) type).getActualTypeArguments()[0]);
            out.put("expandable", target.isInterface() ? snake(target.getSimpleName()) : objectName(target));
        } else if (List.class.isAssignableFrom(raw)) {
            kind = "array";
        } else if (Map.class.isAssignableFrom(raw)) {
            kind = "object";
        } else if (raw.getSimpleName().endsWith("Collection")) {
            kind = "list";
            Type element = raw.getGenericSuperclass();
            if (element instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                out.put("items", objectName(e));
            } else if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> e) {
                out.put("items", objectName(e));
            }
        } else {
            kind = "object";
        }
        out.put("type", kind);
        return out;
    }

    private static boolean isTime(String name, String doc) {
        String text = doc == null ? "" : doc.toLowerCase(Locale.ROOT);
        return text.contains("unix epoch")
                || text.contains("unix timestamp")
                || TIME_NAME.matcher(name).matches();
    }

    private static List<String> enumValues(String doc) {
        if (doc == null) {
            return List.of();
        }
        Matcher sentence = ENUM_SENTENCE.matcher(doc);
        Set<String> values = new LinkedHashSet<>();
        while (sentence.find()) {
            Matcher code = CODE.matcher(sentence.group(1));
            while (code.find()) {
                values.add(code.group(1));
            }
        }
        // "can be {@code null}" is no enumeration, and one value alone is a description, not a choice.
        values.remove("null");
        return values.size() < 2 ? List.of() : List.copyOf(new TreeSet<>(values));
    }

    // ------------------------------------------------------------------------------------------ parameters

    private Map<String, Object> parameters(Class<?> params) {
        Map<String, Object> out = new TreeMap<>();
        Map<String, String> docs = javadoc(params);
        for (Field f : params.getDeclaredFields()) {
            SerializedName json = f.getAnnotation(SerializedName.class);
            if (json == null
                    || Modifier.isStatic(f.getModifiers())
                    || json.value().startsWith("_stripe")) {
                continue;
            }
            Map<String, Object> parameter = new TreeMap<>();
            String doc = docs.getOrDefault(json.value(), "");
            if (doc.contains("<strong>Required.</strong>")) {
                parameter.put("required", true);
            }
            Class<?> type = parameterType(params, f);
            if (type == String.class) {
                parameter.put("type", "string");
            } else if (type == Long.class || type == Integer.class) {
                parameter.put("type", isTime(json.value(), doc) ? "timestamp" : "integer");
            } else if (type == Boolean.class) {
                parameter.put("type", "boolean");
            } else if (type == BigDecimal.class) {
                parameter.put("type", "decimal");
            } else if (type.isEnum()) {
                parameter.put("type", "string");
                parameter.put("enum", enumConstants(type));
            } else if (isRange(type)) {
                parameter.put("type", isTime(json.value(), doc) ? "timestamp" : "integer");
                parameter.put("range", true);
            } else if (List.class.isAssignableFrom(type)) {
                parameter.put("type", "array");
            } else {
                parameter.put("type", "object");
            }
            out.put(json.value(), parameter);
        }
        return out;
    }

    /**
     * The value type a parameter takes: the field's own type, or for an {@code Object} field (a union) the type its
     * builder's setter takes besides {@code EmptyParam}, preferring a range class ({@code Created}).
     */
    private static Class<?> parameterType(Class<?> params, Field f) {
        if (f.getType() != Object.class) {
            return f.getType();
        }
        String setter = "set" + Character.toUpperCase(f.getName().charAt(0))
                + f.getName().substring(1);
        List<Class<?>> candidates = new ArrayList<>();
        for (Class<?> nested : params.getDeclaredClasses()) {
            if (!nested.getSimpleName().equals("Builder")) {
                continue;
            }
            for (Method m : nested.getDeclaredMethods()) {
                if (m.getName().equals(setter)
                        && m.getParameterCount() == 1
                        && !m.getParameterTypes()[0].getSimpleName().equals("EmptyParam")) {
                    candidates.add(m.getParameterTypes()[0]);
                }
            }
        }
        // Reflection lists methods in no fixed order: choose by kind, then by name, so that the output is stable.
        candidates.sort(
                Comparator.comparingInt(ApiDescriptionGenerator::preference).thenComparing(Class::getName));
        return candidates.isEmpty() ? Object.class : candidates.get(0);
    }

    private static int preference(Class<?> type) {
        if (isRange(type)) {
            return 0;
        }
        if (type.isEnum()) {
            return 1;
        }
        List<Class<?>> scalars = List.of(String.class, Long.class, Boolean.class, BigDecimal.class);
        return scalars.contains(type) ? 2 + scalars.indexOf(type) : 9;
    }

    private static boolean isRange(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Field f : type.getDeclaredFields()) {
            names.add(f.getName());
        }
        return names.containsAll(Set.of("gt", "gte", "lt", "lte"));
    }

    private static List<String> enumConstants(Class<?> type) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                values.add((String) type.getMethod("getValue").invoke(constant));
            } catch (ReflectiveOperationException e) {
                values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(new TreeSet<>(values));
    }

    // ------------------------------------------------------------------------------------------ javadoc

    /**
     * The Javadoc of each top-level {@code @SerializedName} field of a class, from its source file in the sources
     * jar (top-level members are indented by two spaces, nested classes' by more); empty when there is no source.
     */
    private Map<String, String> javadoc(Class<?> type) {
        Class<?> outer = type;
        while (outer.getEnclosingClass() != null) {
            outer = outer.getEnclosingClass();
        }
        String resource = outer.getName().replace('.', '/') + ".java";
        String indent = "  ".repeat(depth(type) + 1);
        return javadocs.computeIfAbsent(type.getName(), k -> {
            Map<String, String> out = new HashMap<>();
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    return out;
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                boolean inside = depth(type) == 0;
                String header = "class " + type.getSimpleName() + " ";
                StringBuilder doc = null;
                String last = "";
                for (String line : text.split("\n")) {
                    if (!inside) {
                        inside = line.contains(header);
                        continue;
                    }
                    if (line.startsWith(indent + "/**")) {
                        doc = new StringBuilder();
                    }
                    if (doc != null) {
                        doc.append(line.trim().replaceFirst("^/?\\*+/?", "")).append(' ');
                        if (line.contains("*/")) {
                            last = doc.toString();
                            doc = null;
                        }
                        continue;
                    }
                    if (line.startsWith(indent + "@SerializedName(\"")) {
                        String name = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
                        out.put(name, last);
                    } else if (line.startsWith(indent)
                            && !line.startsWith(indent + " ")
                            && !line.startsWith(indent + "@")) {
                        last = "";
                    }
                    if (depth(type) > 0 && line.startsWith(indent.substring(2) + "}")) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the source of " + type.getName(), e);
            }
            return out;
        });
    }

    private static int depth(Class<?> type) {
        int depth = 0;
        for (Class<?> c = type.getEnclosingClass(); c != null; c = c.getEnclosingClass()) {
            depth++;
        }
        return depth;
    }

    // ------------------------------------------------------------------------------------------ output

    private String write(String version, String sdk) {
        StringBuilder out = new StringBuilder();
        out.append("{\"api_version\":").append(quote(version)).append(",\n");
        out.append("\"source\":").append(quote(sdk)).append(",\n");
        out.append("\"resources\":{");
        boolean first = true;
        for (Map.Entry<String, Map<String, Object>> resource : resources.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            out.append(quote(resource.getKey())).append(':');
            json(resource.getValue(), out);
        }
        out.append("\n}}\n");
        return out.toString();
    }

    private static void json(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                out.append(first ? "" : ",").append(quote((String) e.getKey())).append(':');
                json(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object element : list) {
                out.append(first ? "" : ",");
                json(element, out);
                first = false;
            }
            out.append(']');
        } else if (value instanceof String s) {
            out.append(quote(s));
        } else {
            out.append(value);
        }
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
