package dev.lastmile.aws.s3;

import java.net.URI;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy on a free local port with jclouds' in-memory ("transient") blob store: the real S3 REST protocol, spoken
 * to by the real SDK client, with nothing on disk. Shared with the function modules through this module's test-jar.
 */
public final class S3ProxyFixture implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    private S3ProxyFixture(S3Proxy proxy, BlobStoreContext context, URI endpoint) {
        this.proxy = proxy;
        this.context = context;
        this.endpoint = endpoint;
    }

    public static S3ProxyFixture start() {
        try {
            BlobStoreContext context = ContextBuilder.newBuilder("transient")
                    .credentials("identity", "credential")
                    .overrides(new Properties())
                    .build(BlobStoreContext.class);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .build();
            proxy.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
                }
                Thread.sleep(5);
            }
            return new S3ProxyFixture(proxy, context, URI.create("http://127.0.0.1:" + proxy.getPort()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client configured as reference.md says S3Proxy needs: us-east-1, path-style, checksums when required. */
    public S3Client client() {
        return S3Clients.forEndpoint(endpoint, "us-east-1",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
    }

    public S3Client createBucket(String bucket) {
        S3Client c = client();
        c.createBucket(b -> b.bucket(bucket));
        return c;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            // the JVM ends soon after; a proxy that will not stop must not fail the tests that used it
        }
        context.close();
    }
}
