package org.eoscheck.coq;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** coqc, the Coq compiler, found on the PATH and run on one file in a scratch directory. */
public final class Coqc {
  private static final Pattern LINE = Pattern.compile("line (\\d+)");

  /** The outcome of one compilation: success, coqc's output, the first failing line (or 0). */
  public record Outcome(boolean ok, String output, int line, double seconds) {}

  private Coqc() {}

  /** coqc's path if it is on the PATH. */
  public static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "coqc");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Compiles {@code text} as a module named {@code name}; a run past {@code seconds} fails. */
  public static Outcome compile(Path coqc, String name, String text, long seconds)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("eoscheck-coq");
    try {
      Path file = dir.resolve(name + ".v");
      Files.writeString(file, text, StandardCharsets.UTF_8);
      long start = System.nanoTime();
      Process p = new ProcessBuilder(coqc.toString(), "-q", file.getFileName().toString())
          .directory(dir.toFile()).redirectErrorStream(true).start();
      p.getOutputStream().close();
      byte[][] out = new byte[1][];
      Thread reader = new Thread(() -> {
        try {
          out[0] = p.getInputStream().readAllBytes();
        } catch (IOException e) {
          out[0] = new byte[0];
        }
      });
      reader.start();
      boolean finished = p.waitFor(seconds, TimeUnit.SECONDS);
      if (!finished) {
        p.destroyForcibly();
        p.waitFor();
      }
      reader.join();
      double elapsed = (System.nanoTime() - start) / 1e9;
      String output = new String(out[0], StandardCharsets.UTF_8);
      if (!finished) {
        return new Outcome(false, output + "\n(coqc stopped after " + seconds + " s)", 0, elapsed);
      }
      boolean ok = p.exitValue() == 0;
      return new Outcome(ok, output, ok ? 0 : errorLine(output), elapsed);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** The line of coqc's first error: the last "line N" before "Error:" (0 if none). */
  static int errorLine(String output) {
    int error = output.indexOf("Error:");
    Matcher m = LINE.matcher(error < 0 ? "" : output.substring(0, error));
    int line = 0;
    while (m.find()) {
      line = Integer.parseInt(m.group(1));
    }
    return line;
  }

  /** A module name coqc accepts for a lemma name (letters, digits, underscores). */
  public static String moduleName(String lemma) {
    String s = lemma.replaceAll("[^A-Za-z0-9_]", "_");
    return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "L_" + s : s;
  }
}
