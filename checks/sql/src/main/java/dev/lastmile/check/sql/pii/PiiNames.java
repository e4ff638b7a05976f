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
                    return Optional.of(k.label());
                }
            }
        }
        return Optional.empty();
    }

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
