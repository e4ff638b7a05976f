package dev.lastmile.core.source;

import java.util.Map;
import java.util.Objects;

/**
 * What a repository knows about one commit beyond its files: who wrote it, who committed it, its whole message, and
 * its git notes. Provenance detection reads it (docs/provenance.md); nothing here is judged on its own.
 *
 * @param sha       the full commit id
 * @param author    the commit's author
 * @param committer the commit's committer
 * @param message   the full message: subject, body and trailers, as committed
 * @param notes     git notes attached to the commit, by notes ref ({@code refs/notes/ai}); empty where the source has
 *                  none or cannot read them (the GitHub API does not serve notes)
 */
public record CommitInfo(String sha, Identity author, Identity committer, String message, Map<String, String> notes) {

    public CommitInfo {
        Objects.requireNonNull(sha, "sha");
        author = author == null ? Identity.UNKNOWN : author;
        committer = committer == null ? Identity.UNKNOWN : committer;
        message = Objects.requireNonNullElse(message, "");
        notes = notes == null ? Map.of() : Map.copyOf(notes);
    }

    /** A plain commit: author and committer the same, no notes. */
    public static CommitInfo of(String sha, Identity author, String message) {
        return new CommitInfo(sha, author, author, message, Map.of());
    }

    /**
     * A person or an account as a commit names it.
     *
     * @param name  the name as written in the commit
     * @param email the e-mail address as written in the commit
     * @param login the hosting account's login where the source knows it ({@code copilot-swe-agent[bot]} on GitHub),
     *              else empty
     */
    public record Identity(String name, String email, String login) {

        public static final Identity UNKNOWN = new Identity("", "", "");

        public Identity {
            name = Objects.requireNonNullElse(name, "");
            email = Objects.requireNonNullElse(email, "");
            login = Objects.requireNonNullElse(login, "");
        }

        public static Identity of(String name, String email) {
            return new Identity(name, email, "");
        }

        /** {@code Name <email>}, as git prints it. */
        @Override
        public String toString() {
            return name + " <" + email + ">" + (login.isEmpty() ? "" : " (@" + login + ")");
        }
    }
}
