package org.communityhub.sim;

import java.io.PrintStream;

/**
 * A progress line for long runs: on a terminal one line rewritten in place; otherwise (a log file) a
 * full line at most every {@code logEveryMillis}. Messages go to stderr so stdout stays clean for
 * {@code --json}. Thread-safe (synchronized); O(1).
 */
public final class ProgressLine {

    private final PrintStream out;
    private final boolean terminal;
    private final long logEveryMillis;
    private long lastLogged;
    private int lastWidth;

    public ProgressLine(PrintStream out, boolean terminal, long logEveryMillis) {
        this.out = out;
        this.terminal = terminal;
        this.logEveryMillis = logEveryMillis;
    }

    /** Progress on stderr, rewritten in place when stderr is a terminal, else logged every 30 s. */
    public static ProgressLine stderr() {
        return new ProgressLine(System.err, System.console() != null, 30_000);
    }

    /** Shows the current state. */
    public synchronized void update(String text) {
        if (terminal) {
            String padded = text.length() < lastWidth ? text + " ".repeat(lastWidth - text.length()) : text;
            out.print("\r" + padded);
            out.flush();
            lastWidth = text.length();
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastLogged >= logEveryMillis) {
            out.println(text);
            lastLogged = now;
        }
    }

    /** Prints a message on its own line (ends the in-place line first). */
    public synchronized void println(String text) {
        endLine();
        out.println(text);
    }

    /** Ends the in-place line, if any. */
    public synchronized void endLine() {
        if (terminal && lastWidth > 0) {
            out.println();
            lastWidth = 0;
        }
    }
}
