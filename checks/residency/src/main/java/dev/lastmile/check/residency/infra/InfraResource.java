package dev.lastmile.check.residency.infra;

import dev.lastmile.check.residency.location.Location;
import java.util.List;
import java.util.Map;

/**
 * One piece of storage or compute declared in infrastructure code (Terraform or CloudFormation/SAM), and where it is.
 *
 * @param path          the file declaring it
 * @param line          the line of the resource block (or CloudFormation logical id)
 * @param address       {@code google_bigquery_dataset.crm}, or the CloudFormation logical id
 * @param type          the resource type ({@code google_bigquery_dataset}, {@code AWS::S3::Bucket})
 * @param kind          what it holds or does
 * @param storageName   for storage, its name as SQL and policies write it: {@code project.dataset} (project may be
 *                      {@code *} when not declared), {@code s3://bucket}, {@code gs://bucket}; else empty
 * @param locations     where it is (several for a template deployed to several regions); empty when unknown
 * @param locationText  the location as written, for messages ({@code "US"}, {@code var.region}, {@code provider aws.us})
 * @param locationLine  the line that sets the location (the block's line when it is inherited or defaulted)
 * @param labels        its labels/tags, lower-cased keys
 * @param unknownReason why the location is unknown, when it is
 */
public record InfraResource(String path, int line, String address, String type, Kind kind, String storageName,
                            List<Location> locations, String locationText, int locationLine,
                            Map<String, String> labels, String unknownReason) {

    public enum Kind { DATASET, BUCKET, DATABASE, COMPUTE }

    public InfraResource {
        locations = List.copyOf(locations);
        labels = Map.copyOf(labels);
    }

    public boolean isStorage() {
        return kind == Kind.DATASET || kind == Kind.BUCKET || kind == Kind.DATABASE;
    }
}
