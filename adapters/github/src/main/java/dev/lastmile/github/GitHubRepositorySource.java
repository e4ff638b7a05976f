package dev.lastmile.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lastmile.core.scan.ChangedFile;
import dev.lastmile.core.scan.LineRanges;
import dev.lastmile.core.source.RepositorySource;
import dev.lastmile.core.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A repository read through GitHub's REST API, as one App installation.
 * <ul>
 *   <li>changes of a pull request: {@code pulls/{n}/files}, 100 a page, at most 3,000 files (GitHub's own cap);
 *       each file's {@code patch} gives the head lines added. Past 3,000 files (or 300 for a compare without a pull
 *       request), the head commit's archive is read and every file is judged whole;</li>
 *   <li>every path at a revision: the recursive git tree (one request); when GitHub truncates it, the archive;</li>
 *   <li>file contents: the contents API in raw form at the exact commit, cached. A check that reads more than
 *       {@value #ARCHIVE_AFTER_READS} files of one revision (a dbt project's models) switches to that commit's zip
 *       archive, read once into memory: one request instead of hundreds against the hourly rate limit.</li>
 * </ul>
 * GitHub errors surface as {@link SourceException} (cause kept), which the check function retries.
 */
public final class GitHubRepositorySource implements RepositorySource {

    public static final int PAGE_SIZE = 100;
    public static final int MAX_PULL_FILES = 3_000;
    public static final int MAX_COMPARE_FILES = 300;
    /** Files larger than this are left out of archives, as the git source does. */
    public static final long MAX_FILE_BYTES = 16L << 20;
    /** Past this many single-file reads of one revision, its archive is fetched once instead. */
    public static final int ARCHIVE_AFTER_READS = 40;
    /** An archive larger than this, unpacked, is refused rather than exhausting the function's memory. */
    public static final long MAX_ARCHIVE_BYTES = 400L << 20;

    private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{40}");
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    private final GitHubApi api;
    private final String repository;
    private final Integer pullRequest;
    private final Map<String, Optional<byte[]>> contents = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> archives = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> readsPerRevision = new ConcurrentHashMap<>();
    private volatile JsonNode repo;
    private volatile JsonNode pullRequestNow;
    /** {@code head NUL path} of every file the change adds or modifies: GitHub must be able to show each of them. */
    private final java.util.Set<String> changedAtHead = ConcurrentHashMap.newKeySet();
    /** Commit objects as {@link #commits} listed them (author, committer, message, accounts), by lower-case sha. */
    private final Map<String, JsonNode> commitObjects = new ConcurrentHashMap<>();

    /**
     * @param api         calls as the installation that may read the repository
     * @param repository  {@code owner/name}
     * @param pullRequest the pull request whose files {@link #changes} lists, or null to compare commits
     */
    public GitHubRepositorySource(GitHubApi api, String repository, Integer pullRequest) {
        if (repository == null || !REPOSITORY.matcher(repository).matches()
                || java.util.Arrays.stream(repository.split("/")).anyMatch(p -> p.equals(".") || p.equals(".."))) {
            throw new IllegalArgumentException("repository must be owner/name");
        }
        this.api = api;
        this.repository = repository;
        this.pullRequest = pullRequest;
    }

    private String repoPath() {
        return "/repos/" + repository;
    }

    @Override
    public String repository() {
        return repository;
    }

    @Override
    public String resolve(String revision) {
        if (revision == null || revision.isBlank()) {
            throw new SourceException("no revision given");
        }
        if (SHA.matcher(revision).matches()) {
            return revision.toLowerCase(Locale.ROOT);
        }
        return call(() -> api.getJson(repoPath() + "/commits/" + encode(revision)).path("sha").asText());
    }

    @Override
    public Optional<String> defaultBranch() {
        return Optional.ofNullable(repo().path("default_branch").asText(null));
    }

    private JsonNode repo() {
        if (repo == null) {
            repo = call(() -> api.getJson(repoPath()));
        }
        return repo;
    }

    @Override
    public Optional<String> mergeBase(String a, String b) {
        JsonNode n = call(() -> api.getJson(repoPath() + "/compare/" + encode(a) + "..." + encode(b) + "?per_page=1"));
        return Optional.ofNullable(n.path("merge_base_commit").path("sha").asText(null));
    }

    /**
     * The pull request as GitHub describes it now, when its head is still {@code head}; empty once it has moved on.
     * {@code pulls/{n}/files} and {@code pulls/{n}/commits} describe the pull request's current head, not a job's:
     * a job for an older head (a late or retried message) reads its own {@code base...head} comparison instead.
     */
    private Optional<JsonNode> pullRequestAt(String head) {
        if (pullRequest == null) {
            return Optional.empty();
        }
        JsonNode pr = pullRequestNow;
        if (pr == null) {
            pr = api.getJson(repoPath() + "/pulls/" + pullRequest);
            pullRequestNow = pr;
        }
        return pr.path("head").path("sha").asText("").equalsIgnoreCase(head) ? Optional.of(pr) : Optional.empty();
    }

    @Override
    public List<ChangedFile> changes(String base, String head) {
        List<ChangedFile> changes = call(() -> {
            List<JsonNode> files;
            boolean truncated;
            Optional<JsonNode> pr = pullRequestAt(head);
            if (pr.isPresent()) {
                files = api.getPaged(repoPath() + "/pulls/" + pullRequest + "/files?per_page=" + PAGE_SIZE, null,
                        MAX_PULL_FILES / PAGE_SIZE);
                int changed = pr.get().path("changed_files").asInt(-1);
                if (files.isEmpty() && changed > 0) {
                    // GitHub has not (yet) listed what it says changed: scanning nothing would pass in silence
                    throw new SourceException("GitHub listed no changed files for pull request #" + pullRequest
                            + ", which changes " + changed + (changed == 1 ? " file" : " files") + "; nothing was checked");
                }
                truncated = files.size() >= MAX_PULL_FILES && changed > files.size();
            } else {
                files = new ArrayList<>();
                api.getJson(repoPath() + "/compare/" + encode(base) + "..." + encode(head)).path("files").forEach(files::add);
                truncated = files.size() >= MAX_COMPARE_FILES;
            }
            if (truncated) {
                // GitHub lists no more: judge every file of the head commit whole rather than miss the rest; the
                // archive lists them and holds their contents in one request
                return archive(resolve(head)).keySet().stream()
                        .map(p -> new ChangedFile(p, ChangedFile.Kind.MODIFIED, p, LineRanges.ALL)).toList();
            }
            return files.stream().map(GitHubRepositorySource::changedFile).toList();
        });
        for (ChangedFile c : changes) {
            if (!c.isDeleted()) {
                changedAtHead.add(head.toLowerCase(Locale.ROOT) + "\u0000" + c.path());
            }
        }
        return changes;
    }

    static ChangedFile changedFile(JsonNode f) {
        String path = f.path("filename").asText();
        String previous = f.path("previous_filename").asText(path);
        String patch = f.hasNonNull("patch") ? f.get("patch").asText() : null;
        return switch (f.path("status").asText()) {
            case "added" -> new ChangedFile(path, ChangedFile.Kind.ADDED, path, LineRanges.ALL);
            case "removed" -> new ChangedFile(path, ChangedFile.Kind.DELETED, path, LineRanges.NONE);
            case "renamed" -> new ChangedFile(path, ChangedFile.Kind.RENAMED, previous,
                    patch == null && f.path("changes").asInt(-1) == 0 ? LineRanges.NONE : Patches.addedLines(patch));
            case "unchanged" -> new ChangedFile(path, ChangedFile.Kind.UNCHANGED, path, LineRanges.NONE);
            // modified, changed (mode), copied
            default -> new ChangedFile(path, ChangedFile.Kind.MODIFIED, previous, Patches.addedLines(patch));
        };
    }

    @Override
    public List<String> files(String revision) {
        String sha = resolve(revision);
        Map<String, byte[]> loaded = archives.get(sha);
        if (loaded != null) {
            return List.copyOf(loaded.keySet());
        }
        JsonNode tree = call(() -> api.getJson(repoPath() + "/git/trees/" + encode(sha) + "?recursive=1"));
        if (tree.path("truncated").asBoolean(false)) {
            // more than GitHub lists in one tree (100,000 entries or 7 MB): the archive has them all
            return List.copyOf(archive(sha).keySet());
        }
        List<String> paths = new ArrayList<>();
        for (JsonNode entry : tree.path("tree")) {
            if (entry.path("type").asText().equals("blob")) {
                paths.add(entry.path("path").asText());
            }
        }
        paths.sort(null);
        return List.copyOf(paths);
    }

    @Override
    public Optional<byte[]> read(String revision, String path) {
        Map<String, byte[]> archive = archives.get(revision);
        if (archive != null) {
            return Optional.ofNullable(archive.get(path));
        }
        Optional<byte[]> cached = contents.get(revision + "\u0000" + path);
        if (cached != null) {
            return cached;
        }
        if (readsPerRevision.computeIfAbsent(revision, r -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet()
                > ARCHIVE_AFTER_READS) {
            return Optional.ofNullable(archive(revision).get(path));
        }
        return contents.computeIfAbsent(revision + "\u0000" + path, k -> call(() -> {
            GitHubHttp.Response r = api.send("GET", repoPath() + "/contents/" + encodePath(path) + "?ref=" + encode(revision),
                    null, "application/vnd.github.raw+json");
            if (r.status() == 404) {
                if (changedAtHead.contains(revision.toLowerCase(Locale.ROOT) + "\u0000" + path)) {
                    // GitHub listed it as changed but will not show it (a force-push, a race, a bad path): the
                    // change cannot be judged, and must not pass as if the file were clean
                    throw new SourceException("GitHub answered 404 for " + path + " at " + revision
                            + ", which this change adds or modifies; it could not be checked");
                }
                return Optional.empty();
            }
            // a directory answers with a JSON listing even in raw form: it is not a file
            if (r.header("content-type").orElse("").startsWith("application/json") && r.text().startsWith("[")) {
                return Optional.empty();
            }
            return Optional.of(r.body());
        }));
    }

    @Override
    public List<String> commits(String base, String head) {
        return call(() -> {
            List<JsonNode> commits = pullRequestAt(head).isPresent()
                    ? api.getPaged(repoPath() + "/pulls/" + pullRequest + "/commits?per_page=" + PAGE_SIZE, null, 3)
                    : api.getPaged(repoPath() + "/compare/" + encode(base) + "..." + encode(head) + "?per_page=" + PAGE_SIZE,
                    "commits", 3);
            commits.forEach(c -> commitObjects.put(c.path("sha").asText().toLowerCase(Locale.ROOT), c));
            return commits.stream().map(c -> c.path("sha").asText()).toList();
        });
    }

    /**
     * A commit's author, committer, message and the GitHub accounts behind them: from the commit list
     * {@link #commits} already read (no request), else {@code GET /repos/{o}/{r}/commits/{sha}}. GitHub's REST API
     * serves no git notes, so {@code notes} is empty.
     */
    @Override
    public Optional<dev.lastmile.core.source.CommitInfo> commitInfo(String commit) {
        JsonNode c = commitObjects.get(commit.toLowerCase(Locale.ROOT));
        if (c == null) {
            // one page of files is enough: this asks for the commit's metadata, which every page repeats
            c = call(() -> api.getJson(repoPath() + "/commits/" + encode(commit) + "?per_page=1"));
            commitObjects.put(commit.toLowerCase(Locale.ROOT), c);
        }
        return Optional.of(commitInfo(c));
    }

    /** A commit object of the commits, compare or pulls-commits API, as {@link dev.lastmile.core.source.CommitInfo}. */
    static dev.lastmile.core.source.CommitInfo commitInfo(JsonNode c) {
        JsonNode git = c.path("commit");
        return new dev.lastmile.core.source.CommitInfo(c.path("sha").asText(),
                identity(git.path("author"), c.path("author")), identity(git.path("committer"), c.path("committer")),
                git.path("message").asText(""), Map.of());
    }

    private static dev.lastmile.core.source.CommitInfo.Identity identity(JsonNode git, JsonNode account) {
        // account is null when GitHub cannot tie the e-mail address to an account
        return new dev.lastmile.core.source.CommitInfo.Identity(git.path("name").asText(""),
                git.path("email").asText(""), account.isObject() ? account.path("login").asText("") : "");
    }

    /** The pull request's labels as GitHub lists them now (a label says something of the whole pull request). */
    @Override
    public List<String> pullRequestLabels() {
        if (pullRequest == null) {
            return List.of();
        }
        JsonNode pr = pullRequestNow;
        if (pr == null) {
            pr = call(() -> api.getJson(repoPath() + "/pulls/" + pullRequest));
            pullRequestNow = pr;
        }
        List<String> labels = new ArrayList<>();
        pr.path("labels").forEach(l -> labels.add(l.path("name").asText("")));
        labels.removeIf(String::isBlank);
        return List.copyOf(labels);
    }

    @Override
    public List<ChangedFile> changesOf(String commit) {
        return call(() -> api.getPaged(repoPath() + "/commits/" + encode(commit) + "?per_page=" + PAGE_SIZE, "files",
                MAX_PULL_FILES / PAGE_SIZE).stream().map(GitHubRepositorySource::changedFile).toList());
    }

    /** The commit's zip archive, unpacked in memory once; its first path segment ({@code owner-repo-sha/}) dropped. */
    private Map<String, byte[]> archive(String sha) {
        return archives.computeIfAbsent(sha, s -> call(() -> {
            GitHubHttp.Response r = api.send("GET", repoPath() + "/zipball/" + encode(s), null, "application/vnd.github+json");
            if (r.status() == 404) {
                throw new SourceException("no archive for " + repository + "@" + s);
            }
            return unzip(new ByteArrayInputStream(r.body()));
        }));
    }

    static Map<String, byte[]> unzip(InputStream in) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            byte[] buffer = new byte[64 * 1024];
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                int slash = name.indexOf('/');
                String path = slash >= 0 ? name.substring(slash + 1) : name;
                if (path.isEmpty() || path.startsWith("/") || path.contains("../") || path.contains("\\")) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                long size = 0;
                int n;
                boolean tooBig = false;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (total > MAX_ARCHIVE_BYTES) {
                        throw new SourceException("the repository archive exceeds " + (MAX_ARCHIVE_BYTES >> 20) + " MiB unpacked");
                    }
                    if (size > MAX_FILE_BYTES) {
                        tooBig = true;
                    } else {
                        out.write(buffer, 0, n);
                    }
                }
                if (!tooBig) {
                    files.put(path, out.toByteArray());
                }
            }
        } catch (IOException e) {
            throw new SourceException("the repository archive is not a readable zip: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            // GitHub answers 404 for an empty repository, so no files means a truncated or foreign body; a scan of
            // nothing would pass silently
            throw new SourceException("the repository archive holds no readable files");
        }
        return files;
    }

    private static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (GitHubException e) {
            throw new SourceException(e.getMessage(), e);
        }
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String encodePath(String path) {
        StringBuilder b = new StringBuilder();
        for (String segment : path.split("/", -1)) {
            if (!b.isEmpty()) {
                b.append('/');
            }
            b.append(encode(segment));
        }
        return b.toString();
    }
}
