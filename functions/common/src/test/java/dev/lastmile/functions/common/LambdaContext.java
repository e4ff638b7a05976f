package dev.lastmile.functions.common;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda runtime's {@link Context} as an invocation sees it: a deadline that real time runs down, and a logger
 * that keeps its lines for the test to read.
 */
public final class LambdaContext implements Context {

    private final long deadlineMillis;
    public final StringBuilder log = new StringBuilder();

    private LambdaContext(long remainingMillis) {
        this.deadlineMillis = System.currentTimeMillis() + remainingMillis;
    }

    /** An invocation with {@code remainingMillis} of its time left from now. */
    public static LambdaContext withRemaining(long remainingMillis) {
        return new LambdaContext(remainingMillis);
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                synchronized (log) {
                    log.append(message);
                }
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, java.nio.charset.StandardCharsets.UTF_8));
            }
        };
    }

    @Override
    public String getAwsRequestId() {
        return "test-request";
    }

    @Override
    public String getLogGroupName() {
        return "test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }
}
