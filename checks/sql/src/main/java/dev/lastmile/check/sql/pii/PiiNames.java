package dev.lastmile.check.sql.pii;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Column-name heuristics for personal data: e-mail, phone, national ids, passport, date of birth, street address,
 * IP address, card number, IBAN, personal names. A name is split into words on {@code _} and case changes; a
 * derived name ({@code email_hash}, {@code email_domain}, {@code has_phone}, {@code email_count}) is not PII.
 */
public final class PiiNames {

    private record Kind(String label, List<List<String>> phrases) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("an e-mail address", List.of(List.of("email"), List.of("e", "mail"), List.of("mail", "address"), List.of("emailaddress"))),
            new Kind("a phone number", List.of(List.of("phone"), List.of("mobile"), List.of("msisdn"), List.of("telephone"),
                    List.of("phonenumber"), List.of("cellphone"), List.of("fax"))),
            new Kind("a national id", List.of(List.of("ssn"), List.of("social", "security"), List.of("national", "id"),
                    List.of("nin"), List.of("nino"), List.of("tax", "id"), List.of("bsn"), List.of("cpf"), List.of("aadhaar"),
                    List.of("sin", "number"), List.of("personal", "id", "number"))),
            new Kind("a passport number", List.of(List.of("passport"))),
            new Kind("a date of birth", List.of(List.of("date", "of", "birth"), List.of("dob"), List.of("birth", "date"),
                    List.of("birthdate"), List.of("birthday"))),
            new Kind("a street address", List.of(List.of("street"), List.of("address", "line"), List.of("home", "address"),
                    List.of("postal", "address"), List.of("street", "address"), List.of("billing", "address"),
                    List.of("shipping", "address"), List.of("address"))),
            new Kind("an IP address", List.of(List.of("ip"), List.of("ip", "address"), List.of("ipv4"), List.of("ipv6"),
                    List.of("ipaddress"), List.of("remote", "addr"))),
            new Kind("a card number", List.of(List.of("card", "number"), List.of("credit", "card"), List.of("cc", "number"),
                    List.of("pan"), List.of("card", "no"), List.of("cardnumber"))),
            new Kind("an IBAN", List.of(List.of("iban"), List.of("bank", "account"))),
            new Kind("a person's name", List.of(List.of("first", "name"), List.of("last", "name"), List.of("full", "name"),
                    List.of("surname"), List.of("firstname"), List.of("lastname"), List.of("fullname"))));

    /** Words that make a name derived rather than the value itself. */
    private static final Set<String> DERIVED_LAST = Set.of(
            "hash", "hashed", "sha", "sha1", "sha2", "sha256", "md5", "domain", "count", "cnt", "flag", "verified",
            "type", "status", "at", "provider", "valid", "validated", "consent", "optin", "opted", "enabled", "bounced",
            "country", "region", "length", "len", "key", "masked", "token", "tokenized", "encrypted", "exists",
            "present", "changed", "updated", "confirmed", "subscribed", "source", "format", "category", "prefix",
            "suffix", "extension", "id", "ids", "number_hash", "salt", "version", "city", "state", "zip", "geo");
    private static final Set<String> DERIVED_FIRST = Set.of(
            "is", "has", "n", "num", "count", "total", "distinct", "hashed", "masked", "cnt", "pct", "share", "avg");

    private PiiNames() {
    }

    /** Answers by name: every rule asks about the same columns many times over (bounded, a project's names). */
    private static final java.util.Map<String, Optional<String>> KIND_BY_NAME = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED = 100_000;

    /** What kind of personal data {@code column} looks like, or empty. */
    public static Optional<String> kindOf(String column) {
        Optional<String> known = KIND_BY_NAME.get(column);
        if (known != null) {
            return known;
        }
        Optional<String> kind = judge(column);
        if (KIND_BY_NAME.size() < MAX_REMEMBERED) {
            KIND_BY_NAME.put(column, kind);
        }
        return kind;
    }

    private static Optional<String> judge(String column) {
        List<String> words = words(column);
        if (words.isEmpty() || DERIVED_FIRST.contains(words.getFirst())) {
            return Optional.empty();
        }
        for (Kind k : KINDS) {
            for (List<String> phrase : k.phrases()) {
                int at = indexOfPhrase(words, phrase);
                boolean endsTheName = at >= 0 && at + phrase.size() == words.size();
                if (at >= 0 && !endsTheName && DERIVED_LAST.contains(words.getLast())) {
                    return Optional.empty(); // email_hash, phone_count, email_id
                }
                if (at >= 0) {
                    // email_bounced_date, email_domain_classification: a fact about the e-mail, not the e-mail
                    if (!k.label().equals("a date of birth")
                            && words.subList(at + phrase.size(), words.size()).stream().anyMatch(ABOUT_IT::contains)) {
                        return Optional.empty();
                    }
                    if (k.label().equals("a street address") && (words.contains("ip") || words.contains("email")
                            || words.contains("mail") || words.contains("mac") || words.contains("wallet"))) {
                        continue;
                    }
                    List<String> before = words.subList(0, at);
                    List<String> after = words.subList(at + phrase.size(), words.size());
                    // device_mobile_brand_name, phone_model: the handset, not its number
                    if (k.label().equals("a phone number") && after.stream().anyMatch(HANDSET::contains)) {
                        return Optional.empty();
                    }
                    // repo_full_name, contenttype_full_name, agency_address, contract_address, to_address: the name or
                    // address of a thing, an organisation or a blockchain account, not of a person
                    if ((k.label().equals("a person's name") || k.label().equals("a street address"))
                            && before.stream().anyMatch(NOT_A_PERSON::contains)) {
                        return Optional.empty();
                    }
                    if (k.label().equals("a street address") && before.stream().anyMatch(ON_CHAIN::contains)) {
                        return Optional.empty();
                    }
                    return Optional.of(k.label());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * What kind of personal data {@code column} of {@code relation} looks like: as {@link #kindOf(String)}, except that
     * an {@code address} of a relation that holds blockchain data ({@code crypto_ethereum.traces},
     * {@code ethereum_balancer.pools}) is an account on the chain, not where someone lives.
     */
    public static Optional<String> kindOf(String column, String relation) {
        Optional<String> kind = kindOf(column);
        if (kind.isPresent() && kind.get().equals("a street address") && relation != null
                && words(relation).stream().anyMatch(CHAIN_DATA::contains)) {
            return Optional.empty();
        }
        return kind;
    }

    /** Words after a phone word that make the name about the handset. */
    private static final Set<String> HANDSET = Set.of(
            "brand", "model", "marketing", "os", "hardware", "vendor", "carrier", "manufacturer", "platform", "app",
            "device", "operating", "browser", "version", "make", "screen", "resolution", "category");

    /** Words before a name or address word that make it the name or address of something other than a person. */
    private static final Set<String> NOT_A_PERSON = Set.of(
            "repo", "repository", "project", "org", "organization", "organisation", "company", "business", "team",
            "content", "contenttype", "table", "file", "product", "course", "program", "schema", "database", "db",
            "column", "field", "event", "page", "dataset", "app", "application", "package", "module", "class", "model",
            "device", "brand", "host", "service", "job", "task", "dag", "metric", "feature", "campaign", "channel",
            "group", "role", "policy", "bucket", "object", "branch", "tag", "stream", "topic", "queue", "report",
            "dashboard", "workflow", "pipeline", "step", "node", "resource", "store", "shop", "merchant", "vendor",
            "supplier", "agency", "school", "institution", "university", "office", "facility", "site", "venue",
            "station", "stop", "crash", "incident", "accident", "collision", "property", "parcel", "building", "plant",
            "warehouse", "bank", "hospital", "provider", "practice", "clinic", "pharmacy", "employer",
            "library", "tool", "plugin", "extension", "index", "view", "sheet", "tab", "folder", "directory",
            "asset", "city", "country", "state", "region", "zone", "location", "county", "district");

    /** Words before an address word that make it an address on a blockchain or a network. */
    private static final Set<String> ON_CHAIN = Set.of(
            "to", "from", "contract", "token", "pool", "wallet", "trace", "miner", "sender", "delegate", "proxy",
            "implementation", "creator", "deployer", "validator", "server", "mac", "web", "url", "eth", "btc", "public",
            "coinbase", "fee", "lp", "pair", "router", "factory", "vault", "market", "smart", "multisig", "safe",
            "spender", "signer", "relayer", "bridge", "network", "peer");

    /** Words in a relation's name that say it holds blockchain data. */
    private static final Set<String> CHAIN_DATA = Set.of(
            "ethereum", "crypto", "bitcoin", "blockchain", "polygon", "solana", "arbitrum", "optimism", "avalanche",
            "tron", "defi", "nft", "uniswap", "balancer", "erc20", "erc721", "onchain", "evm");

    static List<String> words(String column) {
        String spaced = column.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        return List.of(spaced.split("[^a-z0-9]+")).stream().filter(w -> !w.isEmpty()).toList();
    }

    /** Words after the PII word that make the name a fact about the value rather than the value. */
    private static final Set<String> ABOUT_IT = Set.of(
            "date", "time", "timestamp", "ts", "reason", "classification", "class", "sent", "opened", "clicked",
            "bounced", "bounce", "verified", "confirmed", "domain", "type", "kind", "status", "preference", "preferences",
            "optout", "opt", "count", "flag", "hash", "hashed", "valid", "validated", "provider", "quality", "score",
            "changed", "updated", "created", "source", "format", "length", "category", "country", "region", "city",
            "state", "zip", "zipcode", "postal", "postcode", "geo", "geolocation", "location", "lat", "lon", "lng");

    private static int indexOfPhrase(List<String> words, List<String> phrase) {
        outer:
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            for (int j = 0; j < phrase.size(); j++) {
                if (!words.get(i + j).equals(phrase.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
