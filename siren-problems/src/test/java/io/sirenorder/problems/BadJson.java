package io.sirenorder.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generators (QuickTheories) of request bodies that a write endpoint must refuse, each invalid by construction: a
 * body the endpoint accepts, broken in one way that no reading of the rules can excuse. So the property of a write
 * endpoint is simply "every one of these is a 4xx problem and nothing is stored", with no second implementation of
 * the rules in the test to decide which generated bodies happen to be valid (such an oracle would have to copy
 * Jackson's coercions, such as {@code "3500"} for 3500, and would be wrong exactly where the service is).
 * <p>
 * The ways a body is broken: a field given a value it refuses (wrong JSON type, a number negative, fractional, beyond
 * its range or thousands of digits long, text where a number is wanted, an array or object for a scalar), an unknown
 * field, nesting hundreds to thousands of levels deep, unicode junk and invalid UTF-8 between the tokens, raw control
 * characters inside strings, a truncated body (the empty one included), a blank one, a top-level value that is not an
 * object, something after the object, the relaxed syntax of JSON5 (comments, single quotes, trailing commas), and a
 * content type that is not JSON.
 */
public final class BadJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private BadJson() {
    }

    /**
     * A body as sent: its bytes (not always UTF-8), its content type ({@code null}: none), why it must be refused
     * and with which status.
     */
    public record Body(String why, String contentType, byte[] bytes, int refusedWith) {

        /** What a failure report shows: why, and the body as text with what cannot be seen made visible. */
        @Override
        public String toString() {
            String text = visible(new String(bytes, StandardCharsets.UTF_8));
            return why + " [" + bytes.length + " bytes" + (contentType == null ? ", no Content-Type" : ", "
                    + contentType) + "]: " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    /**
     * What an endpoint accepts, as far as breaking it needs: bodies it accepts, each a JSON object given as its
     * fields in order, each field's value as raw JSON; and for each field, values it refuses whatever the other
     * fields say. Every field is a scalar: an array or an object is refused for any of them.
     */
    public record Endpoint(Gen<Map<String, String>> validBodies, Map<String, Gen<String>> refusedValues) {

        public Endpoint {
            refusedValues = Map.copyOf(refusedValues);
        }

        Set<String> fields() {
            return refusedValues.keySet();
        }
    }

    /** Bodies the endpoint must refuse, each broken in one of the ways above, and most with 400. */
    public static Gen<Body> badBodies(Endpoint endpoint) {
        Gen<Map<String, String>> valid = endpoint.validBodies();
        return Generate.frequency(List.of(
                Pair.of(6, wrongValue(endpoint)),
                Pair.of(2, unknownField(endpoint)),
                Pair.of(2, deeplyNested(endpoint)),
                Pair.of(2, junkBetweenTokens(valid)),
                Pair.of(1, controlCharacterInAString(valid)),
                Pair.of(2, truncated(valid)),
                Pair.of(1, blank()),
                Pair.of(1, notAnObject(valid)),
                Pair.of(1, somethingAfterTheObject(valid)),
                Pair.of(1, relaxedSyntax(valid)),
                Pair.of(1, notJson(valid))));
    }

    /** The bodies the bad ones are made from, as JSON: each must be accepted, or the bad ones prove nothing. */
    public static Gen<String> validBodies(Endpoint endpoint) {
        return endpoint.validBodies().map(fields -> object(fields));
    }

    /**
     * The answer is a problem body with status {@code expected}: {@code application/problem+json}, its {@code status}
     * the response's, and a {@code detail} saying what is wrong.
     */
    public static void assertProblem(int expected, int status, String contentType, String body) {
        assertThat(status).as("status").isEqualTo(expected);
        assertThat(contentType).as("Content-Type").isEqualTo("application/problem+json");
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.path("status").asInt()).as("the problem's status").isEqualTo(status);
        assertThat(problem.path("detail").asString("")).as("the problem's detail").isNotBlank().endsWith(".");
    }

    // ---- the ways a body is broken

    private static Gen<Body> wrongValue(Endpoint endpoint) {
        List<String> fields = List.copyOf(endpoint.fields().stream().sorted().toList());
        record Place(Map<String, String> body, String field, int at) {
        }
        return endpoint.validBodies().zip(Generate.pick(fields), integers().between(0, 1_000), Place::new)
                .flatMap(place -> endpoint.refusedValues().get(place.field()).map(value -> {
                    Map<String, String> body = new LinkedHashMap<>(place.body());
                    if (body.containsKey(place.field())) {
                        body.put(place.field(), value);
                    } else {
                        body = insertAt(body, place.at(), place.field(), value);
                    }
                    return json("\"" + place.field() + "\" is " + visible(value), object(body));
                }));
    }

    private static Gen<Body> unknownField(Endpoint endpoint) {
        Gen<String> names = Generate.oneOf(
                Generate.pick(List.of("", " ", "id", "version", "tip", "colour", "__proto__", "constructor",
                        "$where", "null", "0", "price ", "product_id", "😀", "\u202Eecirp", "\u0000")),
                Generate.pick(endpoint.fields().stream().sorted().toList()).zip(integers().between(0, 2),
                        BadJson::misspelt),
                text(1, 12))
                .assuming(name -> !endpoint.fields().contains(name));
        return endpoint.validBodies().zip(names, anyValue(), integers().between(0, 1_000), (body, name, value, at) ->
                json("unknown field " + visible(quoted(name)), object(insertAt(body, at, name, value))));
    }

    private static Gen<Body> deeplyNested(Endpoint endpoint) {
        // around Jackson's default limit (StreamReadConstraints: 500 levels in Jackson 3) and far beyond it
        Gen<Integer> depths = Generate.oneOf(Generate.pick(List.of(100, 499, 500, 501, 999, 1000, 1001, 5000)),
                integers().between(100, 3_000));
        List<String> fields = endpoint.fields().stream().sorted().toList();
        return Generate.oneOf(
                depths.map(depth -> json(depth + " nested arrays", nestedArrays(depth))),
                depths.map(depth -> json(depth + " nested objects", nestedObjects(depth))),
                depths.map(depth -> json(depth + " arrays opened, never closed", "[".repeat(depth))),
                endpoint.validBodies().zip(depths, Generate.pick(fields), booleans().all(),
                        (body, depth, field, arrays) -> {
                            Map<String, String> nested = new LinkedHashMap<>(body);
                            nested.put(field, arrays ? nestedArrays(depth) : nestedObjects(depth));
                            return json("\"" + field + "\" nested " + depth + " deep", object(nested));
                        }),
                endpoint.validBodies().zip(depths, integers().between(0, 1_000), (body, depth, at) ->
                        json("unknown field nested " + depth + " deep",
                                object(insertAt(body, at, "deep", nestedArrays(depth))))));
    }

    /** Unicode junk or bytes that are not UTF-8 where only JSON's own tokens or whitespace may stand. */
    private static Gen<Body> junkBetweenTokens(Gen<Map<String, String>> valid) {
        Gen<byte[]> junk = Generate.oneOf(
                Generate.pick(List.of("😀", "\u200F", "\u202E", "\u00A0", "\uFEFF", "\u2028", "\u3000", "\u0000",
                        "\u0001", "\u001F", "\u007F", "\u0085", "한", "ü", "\\", "'", ";", "=", "#", "/", "*", "%",
                        "(", "<", "?", "\\ud800")).map(junkText -> junkText.getBytes(StandardCharsets.UTF_8)),
                Generate.pick(List.of("FF", "FE", "C080", "EDA080", "80", "F5808080", "E282", "C0", "F8888080"))
                        .map(hex -> HexFormat.of().parseHex(hex)));
        return valid.zip(junk, integers().between(0, 1_000), (body, bytes, at) -> {
            List<String> tokens = tokens(body);
            // never before the first token: a byte order mark there is allowed
            int after = 1 + at % (tokens.size() - 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(String.join("", tokens.subList(0, after)).getBytes(StandardCharsets.UTF_8));
            out.writeBytes(bytes);
            out.writeBytes(String.join("", tokens.subList(after, tokens.size())).getBytes(StandardCharsets.UTF_8));
            return new Body("junk " + HexFormat.of().formatHex(bytes) + " after token " + after, "application/json",
                    out.toByteArray(), 400);
        });
    }

    /** JSON strings must escape control characters; here one stands raw inside a field's name. */
    private static Gen<Body> controlCharacterInAString(Gen<Map<String, String>> valid) {
        return valid.zip(integers().between(0, 0x1F), integers().between(0, 1_000), (body, control, at) -> {
            List<String> names = List.copyOf(body.keySet());
            String name = names.get(at % names.size());
            int cut = at % (name.length() + 1);
            String broken = name.substring(0, cut) + (char) control.intValue() + name.substring(cut);
            Map<String, String> renamed = new LinkedHashMap<>();
            body.forEach((field, value) -> renamed.put(field.equals(name) ? broken : field, value));
            StringBuilder text = new StringBuilder("{");
            renamed.forEach((field, value) -> text.append(text.length() > 1 ? "," : "").append('"').append(field)
                    .append("\":").append(value));
            return json("raw U+%04X in the name \"%s\"".formatted(control, name), text.append('}').toString());
        });
    }

    /** A body cut short anywhere before its closing brace, down to nothing at all. */
    private static Gen<Body> truncated(Gen<Map<String, String>> valid) {
        return valid.zip(integers().between(0, 10_000), (body, at) -> {
            String whole = object(body);
            int length = at % whole.length();
            return json("cut after " + length + " characters", whole.substring(0, length));
        });
    }

    private static Gen<Body> blank() {
        return Generate.pick(List.of("", " ", "\n", "\r\n", "\t \t", "   \n\n   ")).map(text ->
                json("blank", text));
    }

    private static Gen<Body> notAnObject(Gen<Map<String, String>> valid) {
        return Generate.oneOf(
                Generate.pick(List.of("null", "true", "false", "0", "-1", "3500", "1e400", "[]", "[{}]", "\"\"",
                        "\"{}\"", "\"price\"", "9".repeat(2_000))),
                valid.map(body -> "[" + object(body) + "]"),
                valid.map(body -> quoted(object(body))))
                .map(text -> json("not an object", text));
    }

    private static Gen<Body> somethingAfterTheObject(Gen<Map<String, String>> valid) {
        return valid.zip(Generate.pick(List.of(" {}", "{}", "[]", " 1", ",", "}", " null", " x", "\u0000")),
                (body, after) -> json("something after the object", object(body) + after));
    }

    /** What JSON5 and lenient parsers allow and JSON does not. */
    private static Gen<Body> relaxedSyntax(Gen<Map<String, String>> valid) {
        return valid.zip(integers().between(0, 4), (body, how) -> {
            String whole = object(body);
            String first = body.keySet().iterator().next();
            return switch (how) {
                case 0 -> json("a trailing comma", whole.substring(0, whole.length() - 1) + ",}");
                case 1 -> json("a comment", "{/* a comment */" + whole.substring(1));
                case 2 -> json("a line comment", "// a comment\n" + whole);
                case 3 -> json("a single-quoted name", whole.replace("{\"" + first + "\":", "{'" + first + "':"));
                default -> json("a name without quotes", whole.replace("{\"" + first + "\":", "{" + first + ":"));
            };
        });
    }

    /** Any body, even one that would be accepted as JSON, with a content type that is not JSON, or none: 415. */
    private static Gen<Body> notJson(Gen<Map<String, String>> valid) {
        return valid.zip(Generate.pick(Collections.unmodifiableList(Arrays.asList("text/plain",
                        "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                        "application/octet-stream", "application/json-patch+json", "text/json", null))),
                (body, contentType) -> new Body("Content-Type " + contentType, contentType,
                        object(body).getBytes(StandardCharsets.UTF_8), 415));
    }

    // ---- values a field refuses, to build an Endpoint from

    /** What a field holding a whole number refuses whatever its range: every other type, and what is not JSON. */
    public static Gen<String> notWholeNumbers() {
        return Generate.oneOf(
                Generate.pick(List.of("true", "false", "[]", "[1]", "[\"1\"]", "{}", "{\"value\":1}")),
                // fractions, and floats that are whole (2.0, 1E2) or beyond a double (1e400)
                Generate.pick(List.of("0.5", "-0.5", "2.0", "-0.0", "1E2", "1e400", "-1e400", "1e-400",
                        "3.14159265358979323846264338327950288419716939937510", "\"2.5\"", "\"1e3\"")),
                integers().between(1, 1_000_000).zip(integers().between(1, 99), (whole, hundredths) ->
                        whole + "." + (hundredths < 10 ? "0" : "") + hundredths),
                // numbers JSON does not have
                Generate.pick(List.of("01", "+1", ".5", "1.", "NaN", "Infinity", "-Infinity", "0x10", "1_000",
                        "- 1", "١٢٣")),
                // text that is not a number in any script: it holds a 'k'
                text(0, 10).zip(text(0, 10), (before, after) -> quoted(before + "k" + after)),
                // thousands of digits: beyond any range, and beyond Jackson's limit on a number's length
                integers().between(1_001, 3_000).map(digits -> "1" + "0".repeat(digits - 1)),
                integers().between(1_001, 3_000).map(digits -> "0." + "5".repeat(digits)));
    }

    /** Whole numbers below {@code min}, as JSON numbers and as text. */
    public static Gen<String> wholeNumbersBelow(long min) {
        return Generate.oneOf(
                longs().between(Long.MIN_VALUE, min - 1).map(number -> String.valueOf(number)),
                longs().between(Long.MIN_VALUE, min - 1).map(number -> quoted(String.valueOf(number))),
                Generate.pick(List.of(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE).toString(),
                        "-1" + "0".repeat(40))));
    }

    /** Whole numbers above {@code max}, as JSON numbers and as text, up to far beyond a long. */
    public static Gen<String> wholeNumbersAbove(long max) {
        Gen<BigInteger> beyond = Generate.oneOf(
                integers().between(0, 100).map(power -> BigInteger.valueOf(max).add(BigInteger.TWO.pow(power))),
                integers().between(20, 200).map(power -> BigInteger.TEN.pow(power)));
        if (max < Long.MAX_VALUE) {
            beyond = beyond.mix(longs().between(max + 1, Long.MAX_VALUE).map(number -> BigInteger.valueOf(number)));
        }
        return Generate.oneOf(beyond.map(number -> number.toString()), beyond.map(number -> quoted(number.toString())));
    }

    /** What a text field refuses whatever its rules: arrays and objects (numbers and booleans are read as text). */
    public static Gen<String> notText() {
        return Generate.pick(List.of("[]", "[\"Latte\"]", "{}", "{\"text\":\"Latte\"}", "[[]]", "[null]"));
    }

    /**
     * Text that is hard to read: letters of several scripts, emoji (surrogate pairs, joined ones), marks that turn
     * text right to left, other invisible format characters, and plain ASCII; never a control character or a broken
     * surrogate pair (see {@link #brokenText()}).
     */
    public static Gen<String> text(int minPieces, int maxPieces) {
        Gen<String> piece = Generate.pick(List.of("a", "Z", "Latte", "아메리카노", "café", "ça", "Ω", "ß", "ﬁ",
                "😀", "🍓", "👨‍🍳", "🇰🇷", "\u200F", "\u200E", "\u202E", "\u2066", "\u200B", "\uFEFF", "\u00A0",
                "\u0301", "١٢٣", "'", "\"", "\\", "/", "<b>", "%s", "${x}", "  ", "-"));
        return integers().between(minPieces, maxPieces).flatMap(count ->
                lists().of(piece).ofSize(count).map(pieces -> String.join("", pieces)));
    }

    /**
     * Text no field should take: control characters (NUL, BEL, escape, newline, DEL, C1) and surrogates with no
     * partner, as JSON escapes them; each within other text, so that trimming does not remove it.
     */
    public static Gen<String> brokenText() {
        Gen<String> broken = Generate.oneOf(
                integers().between(0, 0x1F).map(control -> String.valueOf((char) control.intValue())),
                integers().between(0x7F, 0x9F).map(control -> String.valueOf((char) control.intValue())),
                Generate.pick(List.of("\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "\uD83D")));
        return text(1, 3).zip(broken, text(1, 3), (before, junk, after) -> "x" + before + junk + after + "x");
    }

    // ---- JSON as text

    /** {@code value} as a JSON string, escaped as JSON requires; a surrogate with no partner is escaped as well. */
    public static String quoted(String value) {
        StringBuilder json = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) && !paired) {
                json.append("\\u%04x".formatted((int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Fields as a JSON object, in their order. */
    public static String object(Map<String, String> fields) {
        return String.join("", tokens(fields));
    }

    /** A body of {@code fields} with the field {@code name} put in at {@code at} (modulo the number of places). */
    private static Map<String, String> insertAt(Map<String, String> fields, int at, String name, String value) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
        entries.add(at % (entries.size() + 1), Map.entry(name, value));
        Map<String, String> inserted = new LinkedHashMap<>();
        entries.forEach(entry -> inserted.put(entry.getKey(), entry.getValue()));
        return inserted;
    }

    private static List<String> tokens(Map<String, String> fields) {
        List<String> tokens = new ArrayList<>(List.of("{"));
        fields.forEach((name, value) -> {
            if (tokens.size() > 1) {
                tokens.add(",");
            }
            tokens.addAll(List.of(quoted(name), ":", value));
        });
        tokens.add("}");
        return tokens;
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String nestedObjects(int depth) {
        return "{\"a\":".repeat(depth) + "{}" + "}".repeat(depth);
    }

    /** Small values of every JSON type, and a deep one now and then. */
    private static Gen<String> anyValue() {
        return Generate.oneOf(
                Generate.pick(List.of("null", "true", "false", "0", "-0.5", "1e400", "[]", "{}", "\"\"",
                        "[1,[2,[3]]]", "{\"a\":{\"b\":[]}}", "9".repeat(1_500))),
                text(0, 5).map(text -> quoted(text)),
                brokenText().map(text -> quoted(text)),
                integers().between(100, 2_000).map(depth -> nestedArrays(depth)));
    }

    private static String misspelt(String field, int how) {
        return switch (how) {
            case 0 -> field.toUpperCase(Locale.ROOT);
            case 1 -> field + "s";
            default -> " " + field;
        };
    }

    private static Body json(String why, String text) {
        return new Body(why, "application/json", text.getBytes(StandardCharsets.UTF_8), 400);
    }

    private static String visible(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c >= 0x7F && c <= 0x9F || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE || c == 0xFFFD) {
                shown.append("\\u%04X".formatted(c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** The fields of each body in an order of their own: a reader must not depend on the order. */
    public static Gen<Map<String, String>> inAnyOrder(Gen<Map<String, String>> bodies) {
        return bodies.zip(longs().all(), (fields, seed) -> {
            List<Map.Entry<String, String>> entries = new ArrayList<>(fields.entrySet());
            Collections.shuffle(entries, new Random(seed));
            Map<String, String> shuffled = new LinkedHashMap<>();
            entries.forEach(entry -> shuffled.put(entry.getKey(), entry.getValue()));
            return shuffled;
        });
    }
}
