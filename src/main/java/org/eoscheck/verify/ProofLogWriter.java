package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Counterexample;
import org.eoscheck.certificate.ProofLog.Header;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Split;

/**
 * Appends a proof log, one JSON line per record, each with a single write followed by a flush, so
 * that a run killed at any moment leaves complete lines and at most one truncated last line
 * (which {@link ProofLogReader} ignores). Order: {@link #header} once, then any number of
 * {@link #split}, {@link #leaf} and {@link #counterexample}, then {@link #result} at most once. Safe to call from
 * several threads.
 *
 * <pre>
 * try (ProofLogWriter log = ProofLogWriter.open(path)) {
 *   log.header(Header.of(...));
 *   log.leaf(new Leaf("r.0", box, Status.PROVED, List.of(Evidence.interval(0, Form.NATURAL)), ms));
 *   log.result(new Result(Verdict.PROVED, volumes, boxes, seconds));
 * }
 * </pre>
 */
public final class ProofLogWriter implements Closeable {
  private final OutputStream out;
  private boolean started;
  private boolean finished;

  private ProofLogWriter(OutputStream out) {
    this.out = out;
  }

  /** Creates (or truncates) the file at {@code path}. */
  public static ProofLogWriter open(Path path) throws IOException {
    Path parent = path.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new ProofLogWriter(Files.newOutputStream(path));
  }

  /**
   * Continues an interrupted log (check --resume): drops a truncated last line (a run killed
   * mid-write), then appends after what is there; the header is not written again.
   */
  public static ProofLogWriter append(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] != '\n') {
      end--;
    }
    if (end < bytes.length) {
      try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(path,
          java.nio.file.StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
    ProofLogWriter w = new ProofLogWriter(Files.newOutputStream(path,
        java.nio.file.StandardOpenOption.APPEND));
    w.started = true;
    return w;
  }

  /** Writes a whole log (used by merge). */
  public static void write(Path path, Contents log) throws IOException {
    try (ProofLogWriter w = open(path)) {
      w.header(log.header());
      for (Split s : log.splits()) {
        w.split(s);
      }
      for (Leaf l : log.leaves()) {
        w.leaf(l);
      }
      for (Counterexample c : log.counterexamples()) {
        w.counterexample(c);
      }
      if (log.result() != null) {
        w.result(log.result());
      }
    }
  }

  public synchronized void header(Header h) throws IOException {
    if (started) {
      throw new IllegalStateException("the header is written once, first");
    }
    started = true;
    line(ProofLog.json(h));
  }

  public synchronized void split(Split split) throws IOException {
    body(ProofLog.json(split));
  }

  public synchronized void leaf(Leaf leaf) throws IOException {
    body(ProofLog.json(leaf));
  }

  public synchronized void counterexample(Counterexample c) throws IOException {
    body(ProofLog.json(c));
  }

  public synchronized void result(Result r) throws IOException {
    body(ProofLog.json(r));
    finished = true;
  }

  private void body(ObjectNode o) throws IOException {
    if (!started || finished) {
      throw new IllegalStateException(started ? "nothing follows the result line" : "header first");
    }
    line(o);
  }

  private void line(ObjectNode o) throws IOException {
    String text;
    try {
      text = ProofLog.JSON.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.write((text + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
