package dev.lastmile.check.residency.location;

import java.util.Locale;
import java.util.Set;

/**
 * One cloud location from the region vocabulary: a region, or a multi-region spanning several.
 *
 * @param provider {@code aws}, {@code gcp} or {@code azure}
 * @param name     canonical lower-case name ({@code europe-west3}, {@code eu} for the EU multi-region)
 * @param country  ISO country code of a region; empty for a multi-region
 * @param members  for a multi-region, the ids of its member regions; empty for a region
 */
public record Location(String provider, String name, String country, Set<String> members) {

    public Location {
        members = Set.copyOf(members);
    }

    /** {@code gcp:europe-west3}: unique across providers. */
    public String id() {
        return provider + ":" + name;
    }

    public boolean isMulti() {
        return !members.isEmpty();
    }

    /** How people write it: multi-regions upper case ({@code EU}), regions as the provider spells them. */
    public String display() {
        return isMulti() ? name.toUpperCase(Locale.ROOT) : name;
    }

    @Override
    public String toString() {
        return display();
    }
}
