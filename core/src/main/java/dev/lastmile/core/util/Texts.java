package dev.lastmile.core.util;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Text helpers shared by every check: decoding repository bytes and splitting lines as editors count them. */
public final class Texts {

    private static final int BINARY_SNIFF = 8000;

    private Texts() {
    }

    /**
     * A file's bytes read as text, and why the reading was not faithful when it was not.
     *
     * @param text the text: decoded, or for binary-looking content the bytes as ISO-8859-1 with control bytes other
     *             than tab, CR and LF blanked (so provider token formats in it are still found)
     * @param note why the file was not read as plain text ({@code binary-looking content ...}), or null
     */
    public record Decoded(String text, String note) {
    }

    /**
     * Decodes a file as text: UTF-8 with or without BOM; UTF-16 and UTF-32 by their BOM or, without one, by where
     * their zero bytes fall; invalid UTF-8 as ISO-8859-1 (every byte one character, so nothing is lost). Returns empty
     * for binary-looking content (a NUL byte in the first 8,000 bytes that no UTF-16/32 reading explains).
     */
    public static Optional<String> decode(byte[] bytes) {
        Decoded d = decodeLeniently(bytes);
        return d.note() == null ? Optional.of(d.text()) : Optional.empty();
    }

    /** Like {@link #decode}, but binary-looking content is read as far as it can be and says so in its note. */
    public static Decoded decodeLeniently(byte[] bytes) {
        int n = bytes.length;
        // BOMs, longest first (a UTF-32LE BOM starts with the UTF-16LE one)
        if (n >= 4 && b(bytes, 0) == 0xFF && b(bytes, 1) == 0xFE && b(bytes, 2) == 0 && b(bytes, 3) == 0) {
            return decodeAs(bytes, 4, "UTF-32LE");
        }
        if (n >= 4 && b(bytes, 0) == 0 && b(bytes, 1) == 0 && b(bytes, 2) == 0xFE && b(bytes, 3) == 0xFF) {
            return decodeAs(bytes, 4, "UTF-32BE");
        }
        if (n >= 3 && b(bytes, 0) == 0xEF && b(bytes, 1) == 0xBB && b(bytes, 2) == 0xBF) {
            return utf8OrLatin1(bytes, 3);
        }
        if (n >= 2 && b(bytes, 0) == 0xFF && b(bytes, 1) == 0xFE) {
            return decodeAs(bytes, 2, "UTF-16LE");
        }
        if (n >= 2 && b(bytes, 0) == 0xFE && b(bytes, 1) == 0xFF) {
            return decodeAs(bytes, 2, "UTF-16BE");
        }
        int sniff = Math.min(n, BINARY_SNIFF);
        int[] zerosAt = new int[4];
        int zeros = 0;
        for (int i = 0; i < sniff; i++) {
            if (bytes[i] == 0) {
                zeros++;
                zerosAt[i % 4]++;
            }
        }
        if (zeros == 0) {
            return utf8OrLatin1(bytes, 0);
        }
        // BOM-less UTF-16/32 of mostly ASCII text: the zero bytes fall in fixed columns
        int quads = sniff / 4;
        if (quads >= 1 && sniff % 2 == 0) {
            if (zerosAt[1] >= quads && zerosAt[2] >= quads && zerosAt[3] >= quads && zerosAt[0] == 0) {
                return decodeAs(bytes, 0, "UTF-32LE");
            }
            if (zerosAt[0] >= quads && zerosAt[1] >= quads && zerosAt[2] >= quads && zerosAt[3] == 0) {
                return decodeAs(bytes, 0, "UTF-32BE");
            }
            int odd = zerosAt[1] + zerosAt[3];
            int even = zerosAt[0] + zerosAt[2];
            int pairs = sniff / 2;
            if (odd * 10 >= pairs * 7 && even == 0) {
                return decodeAs(bytes, 0, "UTF-16LE");
            }
            if (even * 10 >= pairs * 7 && odd == 0) {
                return decodeAs(bytes, 0, "UTF-16BE");
            }
        }
        char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            int c = b(bytes, i);
            chars[i] = c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F ? ' ' : (char) c;
        }
        return new Decoded(new String(chars), "binary-looking content (a NUL byte in its first 8,000 bytes): read "
                + "as text with its control bytes blanked, so only text-like parts were checked");
    }

    private static int b(byte[] bytes, int i) {
        return bytes[i] & 0xff;
    }

    private static Decoded decodeAs(byte[] bytes, int offset, String charset) {
        // malformed units become U+FFFD: a lenient reading, never an exception
        return new Decoded(new String(bytes, offset, bytes.length - offset, java.nio.charset.Charset.forName(charset)), null);
    }

    private static Decoded utf8OrLatin1(byte[] bytes, int offset) {
        try {
            return new Decoded(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Decoded(new String(bytes, offset, bytes.length - offset, StandardCharsets.ISO_8859_1), null);
        }
    }

    /**
     * Splits into lines as git counts them: a line ends at {@code \n} only ({@code \r\n} loses its {@code \r}); a
     * lone {@code \r} is an ordinary character inside a line. Line {@code i} (1-based) is element {@code i-1}, so
     * line numbers agree with the diff's ranges whatever the file's line endings.
     */
    public static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(text.substring(start, end));
                start = i + 1;
            }
        }
        if (start < n || out.isEmpty()) {
            out.add(text.substring(start));
        }
        return out;
    }

    /** The 1-based line number of character {@code offset} in {@code text}, counting {@code \n} only, as git does. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /**
     * Replaces every {@code \r} not followed by {@code \n} with a space. Git, and so every diff range, ends lines at
     * {@code \n} only; parsers (YAML, JSON, SQL lexers) would end one at a lone {@code \r} and number the rest of the
     * file one line off, which would put a newly added line's finding on an "unchanged" line. Offsets are kept.
     */
    public static String withGitLineBreaks(String text) {
        int cr = text.indexOf('\r');
        if (cr < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (int i = cr; i < chars.length; i++) {
            if (chars[i] == '\r' && (i + 1 >= chars.length || chars[i + 1] != '\n')) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    /** Collapses runs of whitespace to one space and trims: the form used for content-based fingerprints. */
    public static String normalizeWhitespace(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
