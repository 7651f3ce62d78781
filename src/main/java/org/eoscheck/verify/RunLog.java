package org.eoscheck.verify;

import org.eoscheck.certificate.ProofLog.Evidence;
import org.eoscheck.certificate.ProofLog.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eoscheck.EoscheckException;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog;
import org.eoscheck.certificate.ProofLogReader;

/**
 * The proof log of one check run, written line by line as boxes finish (append-only, each line
 * flushed whole), so a run killed at any moment leaves a valid log of what it finished. With
 * {@code resume}, the finished leaves and the splits of the interrupted run are read back and the
 * run continues after them.
 */
final class RunLog implements LogSink, AutoCloseable {
  private final Problem problem;
  private final ProofLogWriter writer;
  private final Map<String, ResumedLeaf> finished = new HashMap<>();
  private final Map<String, Integer> splits = new HashMap<>();
  private final List<Counterexample> counterexamples = new java.util.ArrayList<>();
  private volatile IOException failure;

  private RunLog(Problem problem, ProofLogWriter writer) {
    this.problem = problem;
    this.writer = writer;
  }

  /** No log at all. */
  static RunLog none(Problem problem) {
    return new RunLog(problem, null);
  }

  static RunLog open(Problem problem, ProofLog.Header header, Path path, boolean resume)
      throws EoscheckException {
    try {
      if (resume && Files.exists(path)) {
        ProofLog.Contents old = ProofLogReader.read(path);
        if (!ProofLog.json(old.header()).equals(ProofLog.json(header))) {
          throw new InputException(path + ": cannot resume: the log is of another lemma or other"
              + " options (its header differs)");
        }
        if (old.result() != null) {
          throw new InputException(path + ": cannot resume: that run finished (replay it instead)");
        }
        RunLog log = new RunLog(problem, ProofLogWriter.append(path));
        for (ProofLog.Leaf l : old.leaves()) {
          log.finished.put(l.path(), new ResumedLeaf(Certificates.box(problem, l.path(), l.box()),
              l.status()));
        }
        for (ProofLog.Counterexample c : old.counterexamples()) {
          log.counterexamples.add(new Counterexample(c.claim(), c.point(), Certificates.side(c.lhs()),
              Certificates.side(c.rhs()), c.undefined(), "the resumed log"));
        }
        for (ProofLog.Split s : old.splits()) {
          log.splits.put(s.path(), problem.variables().indexOf(s.variable()));
        }
        return log;
      }
      ProofLogWriter w = ProofLogWriter.open(path);
      w.header(header);
      return new RunLog(problem, w);
    } catch (IOException e) {
      throw new EoscheckException("cannot write the proof log " + path + ": " + e.getMessage(), e);
    }
  }

  Map<String, ResumedLeaf> finished() {
    return finished;
  }

  Map<String, Integer> splits() {
    return splits;
  }

  /** Counterexamples the interrupted run had already certified and logged. */
  List<Counterexample> counterexamples() {
    return counterexamples;
  }

  private interface Write {
    void run() throws IOException;
  }

  private void write(Write w) {
    if (writer == null || failure != null) {
      return;
    }
    try {
      w.run();
    } catch (IOException e) {
      failure = e;
    }
  }

  @Override
  public void leaf(Box box, Status status, List<Evidence> evidence, long micros) {
    write(() -> writer.leaf(Certificates.leaf(problem, box, status, evidence, micros)));
  }

  @Override
  public void split(Box box, int variable) {
    write(() -> writer.split(new ProofLog.Split(box.path(), problem.variables().get(variable),
        box.splitPoint(variable))));
  }

  @Override
  public void counterexample(Counterexample c) {
    write(() -> writer.counterexample(Certificates.counterexample(problem, c)));
  }

  void result(CheckResult r) throws EoscheckException {
    write(() -> writer.result(new ProofLog.Result(ProofLog.Verdict.valueOf(r.verdict().name()),
        new ProofLog.Volumes(r.proved(), r.refuted(), r.unknown()), r.boxes(), r.seconds())));
    if (failure != null) {
      throw new EoscheckException("writing the proof log failed: " + failure.getMessage(), failure);
    }
  }

  @Override
  public void close() throws EoscheckException {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        throw new EoscheckException("closing the proof log failed: " + e.getMessage(), e);
      }
    }
  }
}
