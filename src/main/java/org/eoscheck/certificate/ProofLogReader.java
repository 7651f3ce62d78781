package org.eoscheck.certificate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eoscheck.InputException;
import org.eoscheck.certificate.ProofLog.Contents;
import org.eoscheck.certificate.ProofLog.Counterexample;
import org.eoscheck.certificate.ProofLog.Header;
import org.eoscheck.certificate.ProofLog.Leaf;
import org.eoscheck.certificate.ProofLog.Result;
import org.eoscheck.certificate.ProofLog.Split;

/**
 * Reads a proof log. The writer ends every line with a newline in the same write, so only a last
 * line without its newline can be a torn write: if it is not valid JSON it is ignored (the run
 * was killed). Any other malformed line is an error naming the file and line. A name ending in
 * .gz is read through gzip (large certificates are committed compressed).
 */
public final class ProofLogReader {
  private ProofLogReader() {}

  public static Contents read(Path path) throws IOException, InputException {
    String text;
    if (path.toString().endsWith(".gz")) {
      try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(path))) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } else {
      text = Files.readString(path, StandardCharsets.UTF_8);
    }
    return read(text, path.toString());
  }

  /** Reads log text; {@code name} is used in error messages. */
  public static Contents read(String text, String name) throws InputException {
    String[] lines = text.split("\n", -1);
    Header header = null;
    List<Split> splits = new ArrayList<>();
    List<Leaf> leaves = new ArrayList<>();
    List<Counterexample> counterexamples = new ArrayList<>();
    Result result = null;
    for (int i = 0; i < lines.length; i++) {
      boolean last = i == lines.length - 1;
      if (last && lines[i].isEmpty()) {
        break;
      }
      JsonNode o;
      try {
        o = ProofLog.JSON.readTree(lines[i]);
      } catch (JsonProcessingException e) {
        if (last) {
          break;
        }
        throw new InputException("not a JSON line: " + e.getOriginalMessage()).at(name, i + 1);
      }
      try {
        String type = o == null || !o.isObject() ? "" : ProofLog.type(o).orElse("");
        if (header == null && !type.equals("header")) {
          throw new InputException("the first line must be the header");
        }
        if (result != null) {
          throw new InputException("a " + type + " line after the result line");
        }
        switch (type) {
          case "header":
            if (header != null) {
              throw new InputException("a second header");
            }
            header = ProofLog.header(o);
            break;
          case "split":
            splits.add(ProofLog.split(o));
            break;
          case "leaf":
            leaves.add(ProofLog.leaf(o));
            break;
          case "counterexample":
            counterexamples.add(ProofLog.counterexample(o));
            break;
          case "result":
            result = ProofLog.result(o);
            break;
          default:
            throw new InputException("unknown line type '" + type + "'");
        }
      } catch (InputException e) {
        throw e.at(name, i + 1);
      }
    }
    if (header == null) {
      throw new InputException("empty proof log").at(name, 0);
    }
    return new Contents(header, splits, leaves, counterexamples, result);
  }
}
