package io.tollgate.engine.reliability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Hostile values from a seeded random generator: numbers JSON allows but Java cannot hold, strings of
 * every length with control characters, lone surrogates, right-to-left marks and emoji, deep nesting,
 * huge arrays, and the same as path segments and query parameters. JSON comes out as raw text, so it
 * can hold what no serializer would write.
 */
final class Hostile {

    /** Characters nobody types into a form but an attacker sends. */
    private static final String[] SPICE = {"\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u0085", "\u009f",
            "\ud800", "\udfff", "\u200f", "\u202e", "\u2066", "\ufeff", "\ufffe", "\uffff", "\ud83d\ude00", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08",
            "\t", "\n", "\r", "\"", "\\", "'", "<", ">", "&", "%", "${", "#{", "{{", "..", "/", "\u4e2d\u6587", "\u0645\u0631\u062d\u0628\u0627", "\u0301"};

    /** Numbers as raw JSON tokens: over and under every Java type, and a few JSON does not allow. */
    private static final String[] NUMBERS = {"0", "-0", "-0.0", "1", "-1", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e999999999", "-1e999999999",
            "1E-999999999", "1.7976931348623157e309", "4.9e-325", "0.1", "1e2", "3.0", "123456789012345678901234567890.5",
            "NaN", "Infinity", "-Infinity", "+1", "01", "0x10", "1.", ".5", "1e", "--1"};

    private final Random random;

    Hostile(Random random) {
        this.random = random;
    }

    Random random() {
        return random;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    <T> T pick(T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** The lengths the brief names: empty, one, a field's worth, past every column, past the body limit. */
    int length() {
        return switch (random.nextInt(10)) {
            case 0, 1 -> 0;
            case 2, 3 -> 1;
            case 4, 5, 6 -> 300;
            case 7, 8 -> 70_000;
            default -> 2_000_000;
        };
    }

    /** A string of about this length, mixing letters with hostile characters now and then. */
    String text(int length) {
        StringBuilder out = new StringBuilder(length + 16);
        boolean spiced = chance(0.7);
        while (out.length() < length) {
            if (spiced && random.nextInt(12) == 0) {
                out.append(pick(SPICE));
            } else {
                out.append((char) ('a' + random.nextInt(26)));
            }
        }
        return out.toString();
    }

    /** A short string that is nothing but trouble. */
    String nasty() {
        return switch (random.nextInt(16)) {
            case 12 -> pick(new String[] {"2026-02-30", "+1000000000-01-01", "-0001-01-01", "9999999999-12-31", "2026-12-01T25:61:00Z",
                    "2026-12-01T10:00:00+99:00", "1970-01-01T00:00:00Z"});
            case 13 -> pick(new String[] {"P999999999999D", "PT-1S", "P-5D", "PT9223372036854775807S", "P1Y", "P", "PT"});
            case 14 -> pick(new String[] {"alice", "ALICE", " alice ", "alice\u0000", "nobody-at-all", "admin,pm"});
            case 15 -> pick(new String[] {"approve", "APPROVE", "send_back", "reject", "abstain", "requirements", "it-delivery"});
            case 0 -> "";
            case 1 -> " ";
            case 2 -> "\u0000";
            case 3 -> "\ud800";
            case 4 -> "\u202eevil\u202c";
            case 5 -> "\ud83d\ude00\ud83d\ude00";
            case 6 -> "' OR '1'='1' --";
            case 7 -> "${jndi:ldap://127.0.0.1/x}";
            case 8 -> "../../etc/passwd";
            case 9 -> "<script>alert(1)</script>";
            case 10 -> "null";
            default -> text(1 + random.nextInt(40));
        };
    }

    /** A hostile string of one of the brief's lengths. */
    String string() {
        int length = length();
        return length <= 1 && chance(0.5) ? nasty() : text(length);
    }

    /** A JSON string literal; control characters and lone surrogates escaped, everything else as is. */
    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", (int) c));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A raw JSON number token (some of them not JSON at all). */
    String number() {
        return switch (random.nextInt(8)) {
            case 0 -> "1" + "0".repeat(5000);
            case 1 -> "-" + "9".repeat(5000) + "." + "9".repeat(200);
            default -> pick(NUMBERS);
        };
    }

    /** Nested arrays or objects, this deep. */
    static String nested(int depth, boolean objects) {
        StringBuilder out = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            out.append(objects ? "{\"a\":" : "[");
        }
        out.append("1");
        for (int i = 0; i < depth; i++) {
            out.append(objects ? "}" : "]");
        }
        return out.toString();
    }

    /** An array of this many copies of one element. */
    static String array(int items, String element) {
        StringBuilder out = new StringBuilder(items * (element.length() + 1) + 2).append('[');
        for (int i = 0; i < items; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(element);
        }
        return out.append(']').toString();
    }

    /** Any hostile JSON value, as raw text. */
    String value() {
        return switch (random.nextInt(14)) {
            case 0, 1, 2 -> quote(string());
            case 3, 4 -> number();
            case 5 -> quote(number());
            case 6 -> pick(new String[] {"true", "false", "null", "\"true\"", "\"NaN\"", "\"-0\"", "\"1e999999999\""});
            case 7 -> nested(random.nextBoolean() ? 10_000 : 65, random.nextBoolean());
            case 8 -> array(100_000, pick(new String[] {"1", "\"alice\"", "null", "{}", "\"x\""}));
            case 9 -> array(1 + random.nextInt(5), value());
            case 10 -> "{" + quote(string()) + ":" + value() + "}";
            case 11 -> "{}";
            case 12 -> "[]";
            default -> quote(text(300));
        };
    }

    /** A value of another JSON type than the one a field declares. */
    String wrongType(String type) {
        List<String> options = new java.util.ArrayList<>(List.of("\"x\"", quote(nasty()), "12345", "-1", "1e999999999",
                "true", "[]", "[1,2]", "{}", "{\"a\":\"b\"}", "null"));
        options.removeIf(o -> switch (type == null ? "" : type) {
            case "string" -> o.startsWith("\"");
            case "integer", "number" -> o.matches("-?[0-9].*");
            case "boolean" -> o.equals("true");
            case "array" -> o.startsWith("[");
            case "object" -> o.startsWith("{");
            default -> false;
        });
        return pick(options);
    }

    /** A whole body that is not what any endpoint reads. */
    byte[] garbageBody() {
        return switch (random.nextInt(16)) {
            case 0 -> new byte[0];
            case 1 -> "{".getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"a\":".getBytes(StandardCharsets.UTF_8);
            case 3 -> "not json at all".getBytes(StandardCharsets.UTF_8);
            case 4 -> "{\"a\": \"\u0000 raw nul\"}".getBytes(StandardCharsets.UTF_8);
            case 5 -> new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, (byte) 0xFF, '"', '}'};
            case 6 -> new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
            case 7 -> "\"just a string\"".getBytes(StandardCharsets.UTF_8);
            case 8 -> number().getBytes(StandardCharsets.UTF_8);
            case 9 -> nested(10_000, random.nextBoolean()).getBytes(StandardCharsets.UTF_8);
            case 10 -> array(100_000, "{}").getBytes(StandardCharsets.UTF_8);
            case 11 -> "{\"a\":1,\"a\":2,\"a\":{\"a\":[1,{\"a\":null}]}}".getBytes(StandardCharsets.UTF_8);
            case 12 -> "{} {}".getBytes(StandardCharsets.UTF_8);
            case 13 -> "null".getBytes(StandardCharsets.UTF_8);
            case 14 -> ("{" + quote(text(300)) + ":" + value() + "}").getBytes(StandardCharsets.UTF_8);
            default -> ("[" + value() + "]").getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Over the 1 MB limit of a request body. */
    byte[] hugeBody() {
        return ("{\"a\":" + quote(text(1_200_000 + random.nextInt(900_000))) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A YAML document that tries to blow up its reader: alias bombs, deep nesting, Java tags, huge keys. */
    String yamlBomb() {
        return switch (random.nextInt(8)) {
            case 0 -> {
                // billion laughs
                StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
                char prev = 'a';
                for (char c = 'b'; c <= 'j'; c++) {
                    y.append(c).append(": &").append(c).append(" [");
                    for (int i = 0; i < 9; i++) {
                        y.append(i == 0 ? "" : ",").append('*').append(prev);
                    }
                    y.append("]\n");
                    prev = c;
                }
                yield y.append("key: *j\n").toString();
            }
            case 1 -> "key: x\nstages: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
            case 2 -> "key: x\nname: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n";
            case 3 -> "key: x\n" + "k".repeat(70_000) + ": v\n";
            case 4 -> "key: *undefined\n";
            case 5 -> "key: &a x\nname: *a\nstages: &s [{key: s, tasks: *s}]\n";
            case 6 -> "%YAML 9.9\n---\nkey: x\n...\n--- !!binary |\n  R0lGODlhDAAMAIQAAP//9/X\n";
            default -> "key: x\nname: \"" + "\\u0000".repeat(10) + "\"\nfields: {" + "a: {".repeat(80) + "}".repeat(80) + "}\n";
        };
    }

    /**
     * A path segment: an id that does not exist, or one that tries to escape or confuse the router,
     * already percent-encoded (some of it not valid UTF-8 once decoded).
     */
    String pathSegment() {
        return switch (random.nextInt(20)) {
            case 0 -> "0";
            case 1 -> "-1";
            case 2 -> "99999999999999999999999999";
            case 3 -> "%00";
            case 4 -> "%2e%2e";
            case 5 -> "%2F";
            case 6 -> "%5C";
            case 7 -> "%C0%AE%C0%AE";
            case 8 -> "%FF%FE";
            case 9 -> "%ED%A0%80";
            case 10 -> encode("x".repeat(300));
            case 11 -> encode("y".repeat(5_000));
            case 12 -> encode("\ud83d\ude00\u202e");
            case 13 -> encode("' OR '1'='1");
            case 14 -> "1e999";
            case 15 -> "%20";
            case 16 -> encode("${jndi:ldap://x}");
            case 17 -> "%25";
            case 18 -> encode("a;b=c");
            default -> encode(uuid());
        };
    }

    private String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** A query parameter value, percent-encoded. */
    String queryValue() {
        return switch (random.nextInt(16)) {
            case 0 -> "2147483647";
            case 1 -> "-1";
            case 2 -> "2147483648";
            case 3 -> "99999999999999999999";
            case 4 -> "%00";
            case 5 -> "";
            case 6 -> "NaN";
            case 7 -> encode(text(300));
            case 8 -> encode(text(6_000));
            case 9 -> "%FF";
            case 10 -> "1e999";
            case 11 -> encode("\u202e\ud83d\ude00");
            case 12 -> "0";
            case 13 -> "true";
            case 14 -> "%ED%A0%80";
            default -> encode(nasty());
        };
    }

    /** Percent-encodes everything but unreserved characters; lone surrogates as they would be sent by a bad client. */
    static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                for (byte b : s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("%%%02X", b & 0xff));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                // CESU-8 bytes of the half pair: not valid UTF-8
                out.append(String.format("%%%02X%%%02X%%%02X", 0xE0 | (c >> 12), 0x80 | ((c >> 6) & 0x3F), 0x80 | (c & 0x3F)));
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append(String.format("%%%02X", b & 0xff));
                }
            }
        }
        return out.toString();
    }
}
