package org.stripejdbc.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the shell reads from the process it runs in, apart from its arguments and streams: the
 * {@code STRIPE_API_KEY} variable, whether stderr is a terminal, and a key typed at a prompt. {@link #SYSTEM} is
 * the real process; tests pass their own.
 *
 * <p>Example: {@code java -jar ... -e "select ..." 2>log.txt} has stderr in a file, so no scan progress is
 * written into the log; the same command in a terminal shows it.
 */
interface ShellEnvironment {
    /** The {@code STRIPE_API_KEY} environment variable, or null. */
    String apiKeyVariable();

    /** Whether stderr is a terminal, where scan progress helps (and does not pollute a log or a pipe). */
    boolean stderrIsTerminal();

    /**
     * Security: asks for a secret on the console without echoing it ({@link Console#readPassword}); null when there
     * is no console to ask (input or output redirected).
     */
    char[] readSecret(String prompt);

    ShellEnvironment SYSTEM = new ShellEnvironment() {
        @Override
        public String apiKeyVariable() {
            return System.getenv("STRIPE_API_KEY");
        }

        @Override
        public boolean stderrIsTerminal() {
            try {
                return isTerminalDevice(
                        Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString());
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return System.console() != null; // not Linux: the console is the best guess there is
            }
        }

        @Override
        public char[] readSecret(String prompt) {
            Console console = System.console();
            return console == null ? null : console.readPassword("%s", prompt);
        }
    };

    /** Whether a file descriptor's target (Linux: the link {@code /proc/self/fd/2}) is a terminal device. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
