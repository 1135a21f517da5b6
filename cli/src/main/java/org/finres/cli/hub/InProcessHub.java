package org.finres.cli.hub;

import java.util.List;

import org.finres.FinresApplication;
import org.finres.cli.CommandFailed;
import org.finres.cli.ExitStatus;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the hub's application context in this JVM, turning a failed start into a message and exit code. */
public final class InProcessHub {

    private InProcessHub() {
    }

    /**
     * @param arguments Spring Boot arguments ({@code --key=value})
     * @throws DidNotStart when the context fails to start (Spring Boot has then logged why in detail)
     */
    public static ConfigurableApplicationContext start(List<String> arguments) {
        try {
            return FinresApplication.start(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw new DidNotStart(e);
        }
    }

    /** The application context failed to start. */
    public static final class DidNotStart extends CommandFailed {
        DidNotStart(RuntimeException e) {
            super("the hub did not start: " + reason(e), e);
        }

        /**
         * The innermost message, which names the actual problem; a busy port gets a message of its own because
         * the innermost one ("Address already in use") does not say which port.
         */
        private static String reason(Throwable e) {
            Throwable root = e;
            while (true) {
                if (root instanceof PortInUseException busy) {
                    return "port " + busy.getPort() + " is already in use; choose another with --port (0 picks a free one)";
                }
                if (root.getCause() == null || root.getCause() == root) {
                    break;
                }
                root = root.getCause();
            }
            return root.getMessage() != null ? root.getMessage() : root.getClass().getName();
        }

        @Override
        public ExitStatus exitStatus() {
            return ExitStatus.UNAVAILABLE;
        }
    }
}
