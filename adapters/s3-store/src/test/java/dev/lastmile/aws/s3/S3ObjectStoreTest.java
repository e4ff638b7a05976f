package dev.lastmile.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

class S3ObjectStoreTest {

    private static S3ProxyFixture s3proxy;
    private static S3Client client;
    private static int bucketCounter;

    @BeforeAll
    static void start() {
        s3proxy = S3ProxyFixture.start();
        client = s3proxy.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        s3proxy.close();
    }

    private static String newBucket() {
        String name = "store-test-" + (++bucketCounter);
        client.createBucket(b -> b.bucket(name));
        return name;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putThenGetReturnsTheBytesUnderThePrefixWithTheContentType() {
        String bucket = newBucket();
        S3ObjectStore store = new S3ObjectStore(client, bucket, "lastmile");

        store.put("runs/acme/shop/job-1/sql.json", bytes("{\"a\":1}"), "application/json");

        assertThat(store.get("runs/acme/shop/job-1/sql.json")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}"));
        var head = client.headObject(b -> b.bucket(bucket).key("lastmile/runs/acme/shop/job-1/sql.json"));
        assertThat(head.contentType()).isEqualTo("application/json");
        assertThat(store.location()).isEqualTo("s3://" + bucket + "/lastmile/");
    }

    @Test
    void putOverwritesAndMissingKeysReadAsEmpty() {
        S3ObjectStore store = new S3ObjectStore(client, newBucket(), "");
        store.put("a/b.txt", bytes("one"), "text/plain");
        store.put("a/b.txt", bytes("two"), "text/plain");

        assertThat(store.get("a/b.txt")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("two");
        assertThat(store.get("a/missing.txt")).isEmpty();
    }

    @Test
    void putIfAbsentWritesOnceAndKeepsTheFirstContent() {
        S3ObjectStore store = new S3ObjectStore(client, newBucket(), "p/");

        assertThat(store.putIfAbsent("deliveries/d-1", bytes("first"), "text/plain")).isTrue();
        assertThat(store.putIfAbsent("deliveries/d-1", bytes("second"), "text/plain")).isFalse();
        assertThat(store.get("deliveries/d-1")).map(b -> new String(b, StandardCharsets.UTF_8)).contains("first");
    }

    // No concurrent-writers test here: S3Proxy checks then writes without a lock, so two racing writers can both
    // win against it, while S3 itself decides conditional writes atomically. The test above proves the request
    // carries If-None-Match and that a 412 becomes false, which is all this class decides.

    @Test
    void listFollowsContinuationTokensAndStripsThePrefix() {
        String bucket = newBucket();
        S3ObjectStore store = new S3ObjectStore(client, bucket, "lastmile", 2);
        for (String k : List.of("runs/x/e.json", "runs/x/a.json", "runs/x/c.json", "runs/x/b.json", "runs/x/d.json", "findings/z.jsonl")) {
            store.put(k, bytes(k), "application/json");
        }
        // a key outside the prefix is not part of this store
        client.putObject(b -> b.bucket(bucket).key("other/runs/x/f.json"), software.amazon.awssdk.core.sync.RequestBody.fromString("x"));

        assertThat(store.list("runs/")).containsExactly("runs/x/a.json", "runs/x/b.json", "runs/x/c.json", "runs/x/d.json", "runs/x/e.json");
        assertThat(store.list("")).hasSize(6);
    }

    @Test
    void deleteRemovesAndToleratesAbsentKeys() {
        S3ObjectStore store = new S3ObjectStore(client, newBucket(), null);
        store.put("k/1", bytes("x"), null);
        store.delete("k/1");
        store.delete("k/never");
        assertThat(store.get("k/1")).isEmpty();
        assertThat(store.list("k/")).isEmpty();
    }

    @Test
    void keysThatEscapeOrAreMalformedAreRefusedBeforeAnyRequest() {
        S3ObjectStore store = new S3ObjectStore(client, "no-such-bucket", "p");
        assertThatThrownBy(() -> store.put("../etc/passwd", bytes("x"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.get("/abs")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.put("a//b", bytes("x"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3ObjectStore(client, " ", "p")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new S3ObjectStore(client, "b", "../up")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixesAreNormalised() {
        assertThat(S3ObjectStore.normalisePrefix(null)).isEmpty();
        assertThat(S3ObjectStore.normalisePrefix("  ")).isEmpty();
        assertThat(S3ObjectStore.normalisePrefix("/lastmile")).isEqualTo("lastmile/");
        assertThat(S3ObjectStore.normalisePrefix("a/b/")).isEqualTo("a/b/");
    }
}
