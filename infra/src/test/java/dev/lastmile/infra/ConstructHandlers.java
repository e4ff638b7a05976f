package dev.lastmile.infra;

/**
 * Runs in a JVM of its own (the environment variables are the template's): constructs each handler named on the
 * command line with its no-argument constructor, as the Lambda runtime does when SnapStart publishes a version, and
 * prints one line per handler: {@code OK <class>} or {@code FAIL <class> <exception>}.
 */
public final class ConstructHandlers {

    private ConstructHandlers() {
    }

    public static void main(String[] args) {
        for (String handler : args) {
            try {
                Class.forName(handler).getConstructor().newInstance();
                System.out.println("OK " + handler);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
                System.out.println("FAIL " + handler + " " + cause);
            }
        }
    }
}
