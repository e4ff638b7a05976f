package dev.lastmile.cli;

import dev.lastmile.aws.s3.S3Clients;
import dev.lastmile.aws.s3.S3ObjectStore;
import dev.lastmile.core.store.ObjectStore;

/**
 * The S3 side of {@link Stores}: {@code s3://bucket/prefix}, with the AWS SDK's usual credentials and region
 * ({@code AWS_REGION}); {@code LASTMILE_S3_ENDPOINT} points it at an S3-compatible server instead.
 */
final class S3Stores {

    private S3Stores() {
    }

    static ObjectStore open(String location) {
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isBlank()) {
            throw new UsageException("--store s3://bucket/prefix needs a bucket name");
        }
        try {
            return new S3ObjectStore(S3Clients.fromEnvironment(), bucket, prefix);
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            // typically no region: the SDK's message lists every provider it tried, on several lines
            String m = String.valueOf(e.getMessage());
            String reason = m.contains("region") ? "no AWS region configured; set AWS_REGION (or a profile's region)"
                    : Main.oneLine(m);
            throw new UsageException("--store " + location + ": " + reason);
        }
    }
}
