package dev.lastmile.github;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Test support shared with the function modules: an App key pair, a settable clock, a sleeper that only records. */
public final class TestApp {

    public static final String APP_ID = "123456";
    public static final KeyPair KEYS = generate();

    private TestApp() {
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key as GitHub hands it out: PKCS#1 PEM ({@code BEGIN RSA PRIVATE KEY}). */
    public static String pkcs1Pem() {
        byte[] pkcs8 = KEYS.getPrivate().getEncoded();
        // PrivateKeyInfo: 30 82 LL LL | 02 01 00 | 30 0d <rsaEncryption> 05 00 | 04 82 LL LL <pkcs1>
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        return "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";
    }

    public static String pkcs8Pem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** A clock tests move by hand. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Records the waits GitHubHttp asks for instead of sleeping. */
    public static final class RecordingSleeper implements GitHubHttp.Sleeper {
        public final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }
    }

    public static GitHubHttp http(URI root, Clock clock, GitHubHttp.Sleeper sleeper) {
        return new GitHubHttp(root, HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build(), clock,
                sleeper, GitHubHttp.RetryPolicy.DEFAULT);
    }

    /** The installation this test App is installed as in every test. */
    public static final long INSTALLATION = 4242;

    /** Stubs GitHub's token endpoint of {@link #INSTALLATION} on a WireMock GitHub: token {@code ghs_test}, valid long. */
    public static void stubInstallationToken(com.github.tomakehurst.wiremock.junit.Stubbing github) {
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/app/installations/" + INSTALLATION + "/access_tokens")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
                        .withBody("{\"token\":\"ghs_test\",\"expires_at\":\"2099-01-01T00:00:00Z\"}")));
    }

    /** The installation tokens of this test App over {@code http}. */
    public static InstallationTokens tokens(GitHubHttp http) {
        return new InstallationTokens(http, APP_ID, AppJwt.privateKey(pkcs1Pem()));
    }

    /** The REST client of {@link #INSTALLATION} over {@code http}. */
    public static GitHubApi installationApi(GitHubHttp http) {
        return new GitHubApi(http, tokens(http), INSTALLATION);
    }
}
