package org.eoscheck.verify;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeanValueReductionTest {
  static final Path DEPTH3 = Path.of("theorems/kreisler2023/depth3-sufficient-condition.yaml");

  @Test
  void depth3SufficientConditionReducesToAChebyshevResidualTheKernelAccepts() throws Exception {
    Problem p = Elaborator.elaborate(LemmaLoader.parse(Files.readString(DEPTH3), DEPTH3.toString()));
    Problem.Claim c = p.claims().get(0);
    Preconditioner pre = new Preconditioner(p, Kernel.algebra());
    List<Goal> goals = pre.goals();
    assertNotNull(goals.get(0).reduction(), "no reduction");
    Kernel.statement(Kernel.header(p, goals, CheckOptions.defaults(), "none"));
  }
}
