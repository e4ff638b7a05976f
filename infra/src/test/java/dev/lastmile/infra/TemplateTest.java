package dev.lastmile.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.lastmile.core.scan.CheckFamily;
import dev.lastmile.functions.common.Environment;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** infra/template.yaml checked against the code it deploys. */
class TemplateTest {

    private static final Map<String, Object> TEMPLATE = Template.load();

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : o == null ? List.of() : List.of(o);
    }

    static Map<String, Object> resources() {
        return map(TEMPLATE.get("Resources"));
    }

    static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources().forEach((name, r) -> {
            if ("AWS::Serverless::Function".equals(map(r).get("Type"))) {
                out.put(name, map(map(r).get("Properties")));
            }
        });
        return out;
    }

    static Class<?> handlerClass(Map<String, Object> function) throws ClassNotFoundException {
        String handler = (String) function.get("Handler");
        return Class.forName(handler.substring(0, handler.indexOf("::")));
    }

    static Map<String, Object> globals() {
        return map(map(TEMPLATE.get("Globals")).get("Function"));
    }

    @Test
    void everyHandlerExistsIsALambdaHandlerAndHasItsOwnJar() throws Exception {
        assertThat(functions()).containsKeys("WebhookFunction", "SqlCheckFunction", "SecretsCheckFunction",
                "LicenseCheckFunction", "ResidencyCheckFunction", "ImpactCheckFunction", "ReporterFunction", "ScheduledScanFunction",
                "ReportFunction");
        for (var e : functions().entrySet()) {
            Map<String, Object> f = e.getValue();
            assertThat((String) f.get("Handler")).as(e.getKey()).endsWith("::handleRequest");
            Class<?> c = handlerClass(f);
            assertThat(RequestHandler.class.isAssignableFrom(c)).as(e.getKey() + " implements RequestHandler").isTrue();
            assertThat(Modifier.isAbstract(c.getModifiers())).isFalse();
            assertThat(c.getConstructor()).as(e.getKey() + " has the no-argument constructor the runtime calls").isNotNull();

            String codeUri = (String) f.get("CodeUri");
            Matcher m = Pattern.compile("\\.\\./functions/([a-z-]+)/target/(lastmile-function-[a-z-]+)-0\\.1\\.0-SNAPSHOT-lambda\\.jar").matcher(codeUri);
            assertThat(m.matches()).as(e.getKey() + " CodeUri " + codeUri).isTrue();
            Path module = Template.root().resolve("functions").resolve(m.group(1));
            assertThat(Files.readString(module.resolve("pom.xml"))).contains("<artifactId>" + m.group(2) + "</artifactId>");
            assertThat(Files.exists(module.resolve("src/main/java/" + c.getName().replace('.', '/') + ".java")))
                    .as(e.getKey() + " handler lives in its own module " + module).isTrue();
        }
    }

    @Test
    void everyFunctionRunsJava21OnArm64WithSnapStartBehindAnAlias() {
        assertThat(globals()).containsEntry("Runtime", "java21").containsEntry("AutoPublishAlias", "live");
        assertThat(list(globals().get("Architectures"))).containsExactly("arm64");
        assertThat(map(globals().get("SnapStart"))).containsEntry("ApplyOn", "PublishedVersions");
        for (var f : functions().values()) {
            assertThat(f).doesNotContainKeys("Runtime", "Architectures", "SnapStart", "AutoPublishAlias");
        }
    }

    @Test
    void everyEnvironmentVariableTheCodeReadsIsSetAndNoOtherOne() throws Exception {
        Set<String> globalVars = map(map(globals().get("Environment")).get("Variables")).keySet();
        assertThat(globalVars).containsExactlyInAnyOrderElementsOf(Environment.CLIENT_ENDPOINTS);
        for (var e : functions().entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> reads = (List<String>) handlerClass(e.getValue()).getField("ENVIRONMENT").get(null);
            Set<String> set = new TreeSet<>(map(map(e.getValue().get("Environment")).get("Variables")).keySet());
            assertThat(set).as(e.getKey()).containsExactlyInAnyOrderElementsOf(new TreeSet<>(reads));
        }
    }

    @Test
    void everyLastmileVariableNamedInTheSourcesIsDeclaredSomewhere() throws IOException {
        Set<String> inTemplate = new HashSet<>();
        Matcher m = Pattern.compile("LASTMILE_[A-Z_]+").matcher(Files.readString(Template.file()));
        while (m.find()) {
            inTemplate.add(m.group());
        }
        Set<String> inCode = new TreeSet<>();
        for (String dir : List.of("functions", "adapters")) {
            try (Stream<Path> files = Files.walk(Template.root().resolve(dir))) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/")).toList()) {
                    Matcher v = Pattern.compile("\"(LASTMILE_[A-Z_]+)\"").matcher(Files.readString(p));
                    while (v.find()) {
                        inCode.add(v.group(1));
                    }
                }
            }
        }
        assertThat(inCode).isNotEmpty();
        assertThat(inTemplate).containsAll(inCode);
    }

    @Test
    void everyFunctionHasItsOwnRoleScopedToItsBucketPrefixesQueuesAndSecret() {
        Map<String, Set<String>> s3 = new LinkedHashMap<>();
        for (var e : functions().entrySet()) {
            Map<String, Object> f = e.getValue();
            assertThat(f).as(e.getKey() + " must not share a role").doesNotContainKey("Role");
            List<Object> policies = list(f.get("Policies"));
            assertThat(policies).as(e.getKey()).isNotEmpty();
            Set<String> prefixes = new TreeSet<>();
            for (Object p : policies) {
                Map<String, Object> policy = map(p);
                if (policy.containsKey("SQSPollerPolicy")) {
                    Object queue = map(policy.get("SQSPollerPolicy")).get("QueueName");
                    assertThat(queue).as(e.getKey() + " polls the queue of its own event").isEqualTo(eventQueueName(f));
                    continue;
                }
                assertThat(policy.keySet()).as(e.getKey() + ": only explicit statements or the poller template").containsOnly("Statement");
                for (Object st : list(policy.get("Statement"))) {
                    Map<String, Object> statement = map(st);
                    assertThat(statement.get("Effect")).isEqualTo("Allow");
                    List<String> actions = list(statement.get("Action")).stream().map(String::valueOf).toList();
                    assertThat(actions).allSatisfy(a -> assertThat(a).doesNotContain("*"));
                    for (Object res : list(statement.get("Resource"))) {
                        assertThat(res).as(e.getKey() + " resource").isNotEqualTo("*").isInstanceOf(Map.class);
                        String service = actions.getFirst().substring(0, actions.getFirst().indexOf(':'));
                        switch (service) {
                            case "s3" -> {
                                Map<String, Object> r = map(res);
                                if (r.containsKey("Fn::Sub")) {
                                    String arn = (String) r.get("Fn::Sub");
                                    assertThat(arn).as(e.getKey()).startsWith("${FindingsBucket.Arn}/${StorePrefix}").endsWith("/*");
                                    prefixes.add(arn.substring("${FindingsBucket.Arn}/${StorePrefix}".length()));
                                } else {
                                    // the bucket itself: only for listing, and only under a prefix
                                    assertThat(r).isEqualTo(Map.of("Fn::GetAtt", List.of("FindingsBucket", "Arn")));
                                    assertThat(actions).containsExactly("s3:ListBucket");
                                    Map<String, Object> condition = map(statement.get("Condition"));
                                    // IfExists only for the answer cache: S3's own ListBucket check behind a GetObject
                                    // of a missing key carries no prefix (a 404 instead of a 403)
                                    Object listed = map(condition.getOrDefault("StringLike", condition.get("StringLikeIfExists")))
                                            .get("s3:prefix");
                                    assertThat(listed).isIn(Map.of("Fn::Sub", "${StorePrefix}runs/*"),
                                            Map.of("Fn::Sub", "${StorePrefix}merges/*"),
                                            Map.of("Fn::Sub", "${StorePrefix}audit/*"),
                                            Map.of("Fn::Sub", "${StorePrefix}dependency-cache/*"));
                                    if (condition.containsKey("StringLikeIfExists")) {
                                        assertThat(listed).isEqualTo(Map.of("Fn::Sub", "${StorePrefix}dependency-cache/*"));
                                    }
                                }
                            }
                            case "sqs" -> {
                                assertThat(actions).containsExactly("sqs:SendMessage");
                                String queue = (String) list(map(res).get("Fn::GetAtt")).getFirst();
                                assertThat(queue).as(e.getKey()).isIn(sendTargets(e.getKey()));
                            }
                            case "secretsmanager" -> {
                                assertThat(actions).containsExactly("secretsmanager:GetSecretValue");
                                assertThat(res).isEqualTo(Map.of("Ref", "GitHubAppSecret"));
                            }
                            default -> throw new AssertionError(e.getKey() + ": unexpected service " + service);
                        }
                    }
                }
            }
            s3.put(e.getKey(), prefixes);
        }
        assertThat(s3.get("WebhookFunction")).containsExactly("audit/*", "deliveries/*", "jobs/*", "merges/*");
        assertThat(s3.get("SqlCheckFunction")).containsExactly("findings/*", "runs/*");
        assertThat(s3.get("SecretsCheckFunction")).containsExactly("findings/*", "runs/*");
        assertThat(s3.get("LicenseCheckFunction")).containsExactly("dependency-cache/*", "findings/*", "runs/*");
        assertThat(s3.get("ResidencyCheckFunction")).containsExactly("findings/*", "runs/*");
        assertThat(s3.get("ImpactCheckFunction")).containsExactly("findings/*", "runs/*");
        assertThat(s3.get("ReporterFunction")).containsExactly("audit/*", "runs/*");
        assertThat(s3.get("ScheduledScanFunction")).containsExactly("jobs/*", "schedules/*");
        assertThat(s3.get("ReportFunction")).containsExactly("audit/*", "merges/*", "reports/*", "reports/index/*", "runs/*");
    }

    private static Set<String> sendTargets(String function) {
        if (function.equals("WebhookFunction")) {
            // the families' queues, and the reporter's for review events (the gate evaluated again, no rescan)
            return Set.of("SqlJobsQueue", "SecretsJobsQueue", "LicensesJobsQueue", "ResidencyJobsQueue", "ImpactJobsQueue",
                    "ReportsQueue");
        }
        return function.equals("ScheduledScanFunction")
                ? Set.of("SqlJobsQueue", "SecretsJobsQueue", "LicensesJobsQueue", "ResidencyJobsQueue", "ImpactJobsQueue")
                : Set.of("ReportsQueue");
    }

    private static Object eventQueueName(Map<String, Object> f) {
        for (Object ev : map(f.get("Events")).values()) {
            if ("SQS".equals(map(ev).get("Type"))) {
                Object arn = map(map(ev).get("Properties")).get("Queue");
                String queue = (String) list(map(arn).get("Fn::GetAtt")).getFirst();
                return Map.of("Fn::GetAtt", List.of(queue, "QueueName"));
            }
        }
        return null;
    }

    @Test
    void queueConsumersReportPartialBatchFailuresAndEveryQueueHasADeadLetterQueueWithAnAlarm() {
        for (var e : functions().entrySet()) {
            for (Object ev : map(e.getValue().get("Events")).values()) {
                if ("SQS".equals(map(ev).get("Type"))) {
                    assertThat(list(map(map(ev).get("Properties")).get("FunctionResponseTypes")))
                            .as(e.getKey()).containsExactly("ReportBatchItemFailures");
                }
            }
        }
        List<String> alarmed = new ArrayList<>();
        resources().values().stream().map(TemplateTest::map).filter(r -> "AWS::CloudWatch::Alarm".equals(r.get("Type")))
                .forEach(r -> list(map(r.get("Properties")).get("Dimensions")).forEach(d ->
                        alarmed.add((String) list(map(map(d).get("Value")).get("Fn::GetAtt")).getFirst())));
        resources().forEach((name, r) -> {
            if (!"AWS::SQS::Queue".equals(map(r).get("Type"))) {
                return;
            }
            Map<String, Object> props = map(map(r).get("Properties"));
            if (name.endsWith("DeadLetterQueue")) {
                assertThat(alarmed).as(name + " has a depth alarm").contains(name);
            } else {
                Map<String, Object> redrive = map(props.get("RedrivePolicy"));
                assertThat(redrive).as(name + " has a dead-letter queue").containsKey("deadLetterTargetArn");
                assertThat(alarmed).as(name + " has a backlog alarm").contains(name);
            }
        });
        Map<String, Object> reports = map(map(resources().get("ReportsQueue")).get("Properties"));
        assertThat(reports).containsEntry("FifoQueue", true);
        // the reporter's function sends nothing; every check function's report queue is this FIFO queue
        for (String f : List.of("SqlCheckFunction", "SecretsCheckFunction", "LicenseCheckFunction", "ResidencyCheckFunction",
                "ImpactCheckFunction")) {
            assertThat(map(map(functions().get(f).get("Environment")).get("Variables")).get("LASTMILE_REPORT_QUEUE_URL"))
                    .isEqualTo(Map.of("Ref", "ReportsQueue"));
        }
    }

    @Test
    void theWebhookFansOutToOneQueuePerDeployedFamily() {
        Map<String, Object> vars = map(map(functions().get("WebhookFunction").get("Environment")).get("Variables"));
        for (CheckFamily f : CheckFamily.values()) {
            assertThat(vars.get(f.queueVariable())).as(f.queueVariable()).isEqualTo(Map.of("Ref", f.queueLogicalId()));
        }
        assertThat(map(map(functions().get("WebhookFunction").get("Events")).get("GitHub")).get("Type")).isEqualTo("HttpApi");
    }

    @Test
    void theFindingsBucketIsEncryptedPrivateVersionedTlsOnlyAndExpires() {
        Map<String, Object> bucket = map(map(resources().get("FindingsBucket")).get("Properties"));
        assertThat(bucket).containsKeys("BucketEncryption", "LifecycleConfiguration");
        assertThat(map(bucket.get("PublicAccessBlockConfiguration")).values()).hasSize(4).allMatch(Boolean.TRUE::equals);
        assertThat(map(bucket.get("VersioningConfiguration"))).containsEntry("Status", "Enabled");
        List<String> prefixes = list(map(bucket.get("LifecycleConfiguration")).get("Rules")).stream()
                .map(r -> map(map(r).get("Prefix")).get("Fn::Sub")).filter(p -> p != null).map(String::valueOf).toList();
        assertThat(prefixes).contains("${StorePrefix}deliveries/", "${StorePrefix}jobs/", "${StorePrefix}runs/",
                "${StorePrefix}findings/", "${StorePrefix}dependency-cache/");
        Map<String, Object> policy = map(map(map(resources().get("FindingsBucketPolicy")).get("Properties")).get("PolicyDocument"));
        Map<String, Object> tls = map(list(policy.get("Statement")).getFirst());
        assertThat(tls).containsEntry("Effect", "Deny");
        assertThat(map(map(tls.get("Condition")).get("Bool"))).containsEntry("aws:SecureTransport", "false");
    }

    @Test
    void theAuditTrailIsObjectLockedAppendOnlyAndQueryable() {
        Map<String, Object> bucket = map(map(resources().get("FindingsBucket")).get("Properties"));
        assertThat(bucket).containsEntry("ObjectLockEnabled", true);
        // enabled without a bucket-wide default: a default would lock claims, runs and caches too; each audit record
        // is locked by its writer
        assertThat(map(bucket.get("ObjectLockConfiguration"))).isEqualTo(Map.of("ObjectLockEnabled", "Enabled"));
        Map<String, Object> retention = map(map(TEMPLATE.get("Parameters")).get("AuditRetentionDays"));
        assertThat(retention).containsEntry("Type", "Number").containsKey("Default");
        for (Object r : list(map(bucket.get("LifecycleConfiguration")).get("Rules"))) {
            assertThat(String.valueOf(map(map(r).getOrDefault("Prefix", Map.of())).get("Fn::Sub"))).doesNotContain("audit/");
        }
        // an audit record without a governance-mode lock is refused by the bucket itself
        Map<String, Object> policy = map(map(map(resources().get("FindingsBucketPolicy")).get("Properties")).get("PolicyDocument"));
        Map<String, Object> locked = list(policy.get("Statement")).stream().map(TemplateTest::map)
                .filter(st -> "AuditRecordsAreLocked".equals(st.get("Sid"))).findFirst().orElseThrow();
        assertThat(locked).containsEntry("Effect", "Deny").containsEntry("Action", "s3:PutObject")
                .containsEntry("Resource", Map.of("Fn::Sub", "${FindingsBucket.Arn}/${StorePrefix}audit/*"));
        assertThat(map(map(locked.get("Condition")).get("StringNotEquals"))).containsEntry("s3:object-lock-mode", "GOVERNANCE");
        // writers append and lock; nobody may delete, overwrite a lock or bypass governance
        for (String writer : List.of("WebhookFunction", "ReporterFunction")) {
            assertThat(s3Actions(writer).get("audit/*")).as(writer).contains("s3:PutObject", "s3:PutObjectRetention");
            assertThat(String.valueOf(functions().get(writer).get("Environment"))).contains("LASTMILE_AUDIT_RETENTION_DAYS");
        }
        for (String f : functions().keySet()) {
            assertThat(s3Actions(f).getOrDefault("audit/*", Set.of())).as(f).doesNotContain("s3:DeleteObject",
                    "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention", "s3:PutObjectLegalHold");
        }
        // the Athena table's columns are the record's keys (Athena lower-cases names)
        Map<String, Object> input = map(map(map(resources().get("AuditTable")).get("Properties")).get("TableInput"));
        Map<String, Object> storage = map(input.get("StorageDescriptor"));
        assertThat(map(storage.get("Location")).get("Fn::Sub")).isEqualTo("s3://${FindingsBucket}/${StorePrefix}audit/");
        List<String> columns = list(storage.get("Columns")).stream().map(c -> String.valueOf(map(c).get("Name"))).toList();
        dev.lastmile.core.store.AuditRecord sample = new dev.lastmile.core.store.AuditRecord("acme/shop", 1,
                dev.lastmile.core.store.AuditRecord.Event.MERGED, "e", java.time.Instant.EPOCH, "h", "b", null, null, null,
                null, null, null, null, null, null);
        List<String> keys = new java.util.ArrayList<>();
        sample.tree().fieldNames().forEachRemaining(k -> keys.add(k.toLowerCase(java.util.Locale.ROOT)));
        keys.remove("tool");
        assertThat(columns).containsExactlyInAnyOrderElementsOf(keys);
        assertThat(dev.lastmile.core.store.StoreKeys.auditRecord("acme/shop", 42, java.time.Instant.EPOCH, "merged-e"))
                .startsWith("audit/acme/shop/pr-42/");
    }

    @Test
    void theGlueTableProjectsTheStoreKeyLayout() {
        Map<String, Object> input = map(map(map(resources().get("FindingsTable")).get("Properties")).get("TableInput"));
        Map<String, Object> params = map(input.get("Parameters"));
        assertThat(params).containsEntry("projection.enabled", "true").containsEntry("projection.dt.format", "yyyy-MM-dd");
        assertThat(map(params.get("storage.location.template")).get("Fn::Sub"))
                .isEqualTo("s3://${FindingsBucket}/${StorePrefix}findings/dt=${!dt}/check=${!check}/");
        // the same layout the findings store writes
        String key = dev.lastmile.core.store.StoreKeys.findingRows(java.time.LocalDate.of(2026, 11, 25), "sql", "acme/shop", "job-1");
        assertThat(key).isEqualTo("findings/dt=2026-11-25/check=sql/acme__shop__job-1.jsonl");
        for (CheckFamily f : CheckFamily.values()) {
            assertThat((String) params.get("projection.check.values")).contains(f.check());
        }
    }

    @Test
    void theFindingsTablesColumnsAreTheKeysOfTheRowsTheStoreWrites() throws Exception {
        var source = new dev.lastmile.core.source.InMemorySource("acme/shop").put("base", "models/a.sql", "select 1\n")
                .put("head", "models/a.sql", "select 1\n-- TODO one\n");
        var result = new dev.lastmile.core.engine.ScanEngine().scan(new dev.lastmile.core.engine.ScanEngine.Request(source,
                "base", "head", dev.lastmile.core.scan.ScanMode.PULL_REQUEST, 42, null,
                List.of(new dev.lastmile.functions.common.TodoCheck("sql")), null));
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rows");
        var objects = new dev.lastmile.core.store.LocalObjectStore(dir);
        String rowsKey = new dev.lastmile.core.store.FindingsStore(objects).save("job-1", result, result.runs().getFirst()).findingRows();
        String row = new String(objects.get(rowsKey).orElseThrow(), java.nio.charset.StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        Set<String> keys = new TreeSet<>();
        dev.lastmile.core.output.Json.parse(row).fieldNames().forEachRemaining(k -> keys.add(k.toLowerCase(java.util.Locale.ROOT)));
        keys.remove("check"); // the partition column, from the key
        Map<String, Object> input = map(map(map(resources().get("FindingsTable")).get("Properties")).get("TableInput"));
        Set<String> columns = new TreeSet<>();
        for (Object c : list(map(input.get("StorageDescriptor")).get("Columns"))) {
            columns.add(String.valueOf(map(c).get("Name")));
        }
        // Athena reads a key the table does not name as nothing: each one a row carries is a column (authoredBy too);
        // the columns a row may leave out are the optional ones (a finding without columns)
        assertThat(columns).containsAll(keys);
        Set<String> optional = new TreeSet<>(columns);
        optional.removeAll(keys);
        assertThat(optional).containsOnly("startcolumn", "endcolumn");
    }

    /** Every S3 action a function is allowed, by key prefix under the store prefix (bucket-level listings as "list:"). */
    static Map<String, Set<String>> s3Actions(String function) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Object p : list(functions().get(function).get("Policies"))) {
            for (Object st : list(map(p).get("Statement"))) {
                Map<String, Object> statement = map(st);
                for (Object res : list(statement.get("Resource"))) {
                    Object sub = map(res).get("Fn::Sub");
                    if (sub instanceof String arn && arn.startsWith("${FindingsBucket.Arn}/${StorePrefix}")) {
                        for (Object a : list(statement.get("Action"))) {
                            out.computeIfAbsent(arn.substring("${FindingsBucket.Arn}/${StorePrefix}".length()), k -> new TreeSet<>())
                                    .add(String.valueOf(a));
                        }
                    } else if (map(res).containsKey("Fn::GetAtt") && list(statement.get("Action")).contains("s3:ListBucket")) {
                        Map<String, Object> condition = map(statement.get("Condition"));
                        Object prefix = map(condition.getOrDefault("StringLike", condition.get("StringLikeIfExists"))).get("s3:prefix");
                        out.computeIfAbsent("list:" + String.valueOf(map(prefix).get("Fn::Sub")).replace("${StorePrefix}", ""),
                                k -> new TreeSet<>()).add("s3:ListBucket");
                    }
                }
            }
        }
        return out;
    }

    @Test
    void theSchedulerMayReleaseTheClaimsItCouldNotQueue() {
        // ScheduledScans deletes the claim of a job it could not send, so the day's retry can claim it again
        assertThat(s3Actions("ScheduledScanFunction").get("jobs/*")).contains("s3:PutObject", "s3:DeleteObject");
    }

    @Test
    void theLicenseCheckMayListItsAnswerCacheSoAMissIsA404() {
        assertThat(s3Actions("LicenseCheckFunction")).containsEntry("list:dependency-cache/*", Set.of("s3:ListBucket"))
                .containsEntry("dependency-cache/*", Set.of("s3:GetObject", "s3:PutObject"));
    }

    @Test
    void everyPrefixAFunctionWritesExpires() {
        Set<String> written = new TreeSet<>();
        for (String f : functions().keySet()) {
            s3Actions(f).forEach((prefix, actions) -> {
                // audit records are evidence: Object Lock keeps them, and no lifecycle rule ever expires them
                if (actions.contains("s3:PutObject") && !prefix.equals("audit/*")) {
                    written.add(prefix.substring(0, prefix.length() - 1));
                }
            });
        }
        Map<String, Object> bucket = map(map(resources().get("FindingsBucket")).get("Properties"));
        Set<String> expiring = new TreeSet<>();
        for (Object r : list(map(bucket.get("LifecycleConfiguration")).get("Rules"))) {
            Object prefix = map(map(r).get("Prefix")).get("Fn::Sub");
            if (prefix != null && map(r).containsKey("ExpirationInDays") && map(r).containsKey("NoncurrentVersionExpiration")) {
                expiring.add(String.valueOf(prefix).replace("${StorePrefix}", ""));
            }
        }
        assertThat(written).isNotEmpty();
        assertThat(expiring).as("lifecycle rules with expiry of current and noncurrent versions").containsAll(written);
    }

    @Test
    void theAlarmTopicIsEncryptedWithAKeyCloudWatchAlarmsMayUse() {
        Map<String, Object> topic = map(map(resources().get("AlarmTopic")).get("Properties"));
        Object key = topic.get("KmsMasterKeyId");
        if (key == null) {
            return; // an unencrypted topic CloudWatch can publish to would do too; the template chose a key
        }
        // alias/aws/sns is AWS-managed: its policy does not let CloudWatch alarms use it, so nothing is ever delivered
        assertThat(key).as("a customer-managed key of this stack").isInstanceOf(Map.class);
        String keyName = String.valueOf(map(key).get("Ref"));
        Map<String, Object> kms = map(resources().get(keyName));
        assertThat(kms.get("Type")).isEqualTo("AWS::KMS::Key");
        Map<String, Object> props = map(kms.get("Properties"));
        assertThat(props).containsEntry("EnableKeyRotation", true);
        boolean cloudWatchMayUse = list(map(props.get("KeyPolicy")).get("Statement")).stream().map(TemplateTest::map)
                .anyMatch(st -> "Allow".equals(st.get("Effect"))
                        && list(map(st.get("Principal")).get("Service")).contains("cloudwatch.amazonaws.com")
                        && list(st.get("Action")).containsAll(List.of("kms:Decrypt", "kms:GenerateDataKey*")));
        assertThat(cloudWatchMayUse).as("the key policy lets cloudwatch.amazonaws.com Decrypt and GenerateDataKey*").isTrue();
    }

    @Test
    void queueRetriesAndVisibilityFitTheirConsumers() {
        int defaultTimeout = ((Number) globals().get("Timeout")).intValue();
        for (var e : functions().entrySet()) {
            for (Object ev : map(e.getValue().get("Events")).values()) {
                if (!"SQS".equals(map(ev).get("Type"))) {
                    continue;
                }
                String queue = (String) list(map(map(map(ev).get("Properties")).get("Queue")).get("Fn::GetAtt")).getFirst();
                Map<String, Object> q = map(map(resources().get(queue)).get("Properties"));
                int receives = ((Number) map(q.get("RedrivePolicy")).get("maxReceiveCount")).intValue();
                // AWS: at least 5 for Lambda event sources, so throttled or time-limited batches do not dead-letter
                assertThat(receives).as(queue + " maxReceiveCount").isGreaterThanOrEqualTo(5);
                int timeout = ((Number) e.getValue().getOrDefault("Timeout", defaultTimeout)).intValue();
                assertThat(((Number) q.get("VisibilityTimeout")).intValue()).as(queue + " visibility, six times " + e.getKey()
                        + "'s timeout").isGreaterThanOrEqualTo(6 * timeout);
                Object told = map(map(e.getValue().get("Environment")).get("Variables")).get(Environment.MAX_RECEIVES);
                if (told != null) {
                    assertThat(Integer.parseInt(String.valueOf(told))).as(e.getKey() + " knows its queue's maxReceiveCount")
                            .isEqualTo(receives);
                }
            }
        }
    }

    @Test
    void everyFunctionWhoseEnvironmentReadsAParameterNamesItInItsVersionDescription() {
        Set<String> parameters = map(TEMPLATE.get("Parameters")).keySet();
        for (var e : functions().entrySet()) {
            String environment = String.valueOf(e.getValue().get("Environment"));
            String description = String.valueOf(map(e.getValue().get("VersionDescription")).get("Fn::Sub"));
            for (String p : parameters) {
                if (environment.contains("Ref=" + p + "}") || environment.contains("${" + p + "}")) {
                    assertThat(description).as(e.getKey() + " VersionDescription (SAM would not republish on a new " + p + ")")
                            .contains("${" + p + "}");
                }
            }
        }
    }

    @Test
    void samconfigsBuildLineBuildsEveryFunctionTheTemplateDeploys() throws IOException {
        String samconfig = Files.readString(Template.root().resolve("infra/samconfig.toml"));
        Matcher build = Pattern.compile("-pl ([a-z/,-]+) -am package").matcher(samconfig);
        assertThat(build.find()).as("samconfig.toml names the Maven build of the jars").isTrue();
        Set<String> built = new TreeSet<>(List.of(build.group(1).split(",")));
        for (var e : functions().entrySet()) {
            Matcher m = Pattern.compile("\\.\\./(functions/[a-z-]+)/target/").matcher((String) e.getValue().get("CodeUri"));
            assertThat(m.find()).isTrue();
            assertThat(built).as(e.getKey() + "'s jar is built by samconfig.toml's build line").contains(m.group(1));
        }
    }

    @Test
    void theAppManifestsHookUrlIsTheWebhookUrlOutputAsItIs() throws IOException {
        com.fasterxml.jackson.databind.JsonNode manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Template.root().resolve("infra/github-app-manifest.json").toFile());
        String hook = manifest.path("hook_attributes").path("url").asText();
        String output = String.valueOf(map(map(map(TEMPLATE.get("Outputs")).get("WebhookUrl")).get("Value")).get("Fn::Sub"));
        String path = String.valueOf(map(map(map(functions().get("WebhookFunction").get("Events")).get("GitHub")).get("Properties")).get("Path"));
        assertThat(output).endsWith(path);
        // the output already ends with the route: the placeholder stands for all of it
        assertThat(hook).isEqualTo("REPLACE-WITH-WebhookUrl-OUTPUT");
        // review events re-evaluate the stricter gate for AI-assisted changes (require_human_approvals)
        List<String> events = new java.util.ArrayList<>();
        manifest.path("default_events").forEach(e -> events.add(e.asText()));
        assertThat(events).contains("pull_request", "pull_request_review");
    }

    @Test
    void everyQueueTriggeredFunctionHasABoundedConcurrencyAndTheReporterTheSmallest() {
        // GitHub's content-creation limits are per App; each process paces itself, so the processes must be few
        Map<String, Integer> caps = new LinkedHashMap<>();
        functions().forEach((name, f) -> {
            for (Object ev : map(f.get("Events")).values()) {
                if ("SQS".equals(map(ev).get("Type"))) {
                    Object cap = map(map(map(ev).get("Properties")).get("ScalingConfig")).get("MaximumConcurrency");
                    assertThat(cap).as(name + " MaximumConcurrency").isInstanceOf(Integer.class);
                    caps.put(name, (Integer) cap);
                }
            }
        });
        assertThat(caps).containsKey("ReporterFunction");
        assertThat(caps.get("ReporterFunction")).isEqualTo(2);
        assertThat(caps.values()).allSatisfy(c -> assertThat(c).isBetween(2, 20));
    }
}
