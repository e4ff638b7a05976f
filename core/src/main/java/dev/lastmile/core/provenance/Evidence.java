package dev.lastmile.core.provenance;

import java.util.Locale;
import java.util.Objects;

/**
 * One piece of evidence that a commit is AI-authored.
 *
 * @param kind   where it was seen
 * @param tool   the assistant or agent, when known ({@code Claude Code}, {@code GitHub Copilot}), else empty
 * @param detail what was seen, safe to publish ({@code Co-authored-by: Claude <noreply@anthropic.com>})
 */
public record Evidence(Kind kind, String tool, String detail) {

    public Evidence {
        Objects.requireNonNull(kind, "kind");
        tool = Objects.requireNonNullElse(tool, "");
        detail = Objects.requireNonNullElse(detail, "");
    }

    /** Where evidence is seen; {@link #id()} is the name in JSON ({@code agent-trace}). */
    public enum Kind {
        TRAILER, AUTHOR, COMMITTER, AGENT_TRACE, GIT_NOTE, MESSAGE, LABEL;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Kind fromId(String id) {
            return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
