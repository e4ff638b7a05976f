package dev.lastmile.check.residency.location;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a warehouse account runs, read from how a dbt profile names it: Snowflake account identifiers, Redshift
 * hosts, Databricks workspace hosts. Identifiers that do not carry their region (Snowflake {@code org-account},
 * every Databricks host) resolve only through the policy's {@code residency.accounts} mapping.
 */
public final class AccountLocations {

    /** Snowflake region ids as in {@code CURRENT_REGION()}: {@code AWS_EU_CENTRAL_1}, {@code AZURE_WESTEUROPE}. */
    private static final Pattern SNOWFLAKE_REGION_ID = Pattern.compile("^(aws|azure|gcp)_([a-z0-9_]+)$");
    private static final Pattern REDSHIFT_HOST = Pattern.compile("\\.([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.redshift(?:-serverless)?\\.amazonaws\\.com");
    private static final Pattern LOCATOR = Pattern.compile("^[a-z]{2}\\d{5,}$|^[a-z]+\\d+[a-z0-9]*$");

    private final RegionCatalog catalog;
    private final Map<String, Location> mapped;

    /** {@code mapped}: the policy's account/host → location entries, keys lower-cased. */
    public AccountLocations(RegionCatalog catalog, Map<String, Location> mapped) {
        this.catalog = catalog;
        this.mapped = mapped;
    }

    private Optional<Location> fromPolicy(String key) {
        return Optional.ofNullable(mapped.get(key.toLowerCase(Locale.ROOT).trim()));
    }

    /**
     * A Snowflake {@code account} setting: {@code xy12345} (the first region, AWS us-west-2),
     * {@code xy12345.eu-central-1}, {@code xy12345.us-east-2.aws}, {@code xy12345.east-us-2.azure},
     * {@code xy12345.europe-west4.gcp}, with or without {@code .privatelink} and {@code .snowflakecomputing.com};
     * {@code org-account} only through the policy.
     */
    public Optional<Location> snowflake(String account) {
        if (account == null || account.isBlank()) {
            return Optional.empty();
        }
        Optional<Location> direct = fromPolicy(account);
        if (direct.isPresent()) {
            return direct;
        }
        String a = account.trim().toLowerCase(Locale.ROOT);
        a = a.replaceFirst("^https?://", "").replaceFirst("/.*$", "")
                .replace(".snowflakecomputing.com", "").replace(".privatelink", "");
        Optional<Location> p = fromPolicy(a);
        if (p.isPresent()) {
            return p;
        }
        Matcher id = SNOWFLAKE_REGION_ID.matcher(a);
        if (id.matches()) {
            return snowflakeRegion(id.group(1), id.group(2));
        }
        String[] parts = a.split("\\.");
        if (parts.length == 1) {
            // org-account identifiers (acme-analytics) carry no region; a bare locator is the first region
            return LOCATOR.matcher(parts[0]).matches() && !parts[0].contains("-") && !parts[0].contains("_")
                    ? catalog.byId("aws:us-west-2") : Optional.empty();
        }
        String cloud = parts.length >= 3 ? parts[2] : "aws";
        return snowflakeRegion(cloud, parts[1]);
    }

    private Optional<Location> snowflakeRegion(String cloud, String region) {
        return switch (cloud) {
            case "aws" -> catalog.resolve("aws:" + region.replace('_', '-'));
            case "azure" -> catalog.resolve("azure:" + region.replace("-", "").replace("_", ""));
            case "gcp" -> catalog.resolve("gcp:" + region.replace('_', '-'));
            default -> Optional.empty();
        };
    }

    /** A Redshift (or Redshift Serverless) host: the region is part of its name. */
    public Optional<Location> redshift(String host) {
        if (host == null) {
            return Optional.empty();
        }
        Optional<Location> p = fromPolicy(host);
        if (p.isPresent()) {
            return p;
        }
        Matcher m = REDSHIFT_HOST.matcher(host.toLowerCase(Locale.ROOT));
        return m.find() ? catalog.resolve("aws:" + m.group(1)) : Optional.empty();
    }

    /** A Databricks workspace host: its region is not in the name, so only the policy can say. */
    public Optional<Location> databricks(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/.*$", "");
        return fromPolicy(h);
    }

    /** Any account or host key, as the policy maps it. */
    public Optional<Location> mapped(String key) {
        return key == null ? Optional.empty() : fromPolicy(key);
    }
}
