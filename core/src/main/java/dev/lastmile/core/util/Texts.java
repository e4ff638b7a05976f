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
     * Decodes a file as text: UTF-8 (a BOM dropped), falling back to ISO-8859-1 for invalid UTF-8. Returns empty for
     * binary content (a NUL byte in the first 8,000 bytes, as git decides).
     */
    public static Optional<String> decode(byte[] bytes) {
        int sniff = Math.min(bytes.length, BINARY_SNIFF);
        for (int i = 0; i < sniff; i++) {
            if (bytes[i] == 0) {
                return Optional.empty();
            }
        }
        int offset = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString());
        } catch (CharacterCodingException e) {
            return Optional.of(new String(bytes, offset, bytes.length - offset, StandardCharsets.ISO_8859_1));
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
