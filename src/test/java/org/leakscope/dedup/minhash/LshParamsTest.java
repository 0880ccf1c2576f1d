package org.leakscope.dedup.minhash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LshParamsTest {
  @Test
  void favoursRecallAtTheDefaults() {
    // Weighted 0.1/0.9 (false positives/negatives) the rule picks 14 bands of 9 rows for 0.8 and 128 permutations
    // (with equal weights, datasketch's default, it would be 9 of 13: a pair at 0.85 would be missed 3 times in 10).
    LshParams p = LshParams.forThreshold(0.8, 128);
    assertEquals(new LshParams(14, 9), p);
    assertTrue(p.candidateProbability(0.85) > 0.97);
  }

  @Test
  void separatesPairsAroundTheThreshold() {
    for (double t : new double[] {0.5, 0.7, 0.8, 0.9}) {
      LshParams p = LshParams.forThreshold(t, 128);
      assertTrue(p.bands() * p.rows() <= 128, p.toString());
      assertTrue(p.candidateProbability(Math.min(0.99, t + 0.1)) > 0.98, t + " " + p);
      assertTrue(p.candidateProbability(t - 0.3) < 0.1, t + " " + p);
    }
  }

  @Test
  void lowerThresholdsUseMoreBandsOfFewerRows() {
    LshParams low = LshParams.forThreshold(0.6, 128);
    LshParams high = LshParams.forThreshold(0.9, 128);
    assertTrue(low.rows() < high.rows(), low + " vs " + high);
  }

  @Test
  void rejectsThresholdsOutsideTheOpenUnitInterval() {
    assertThrows(IllegalArgumentException.class, () -> LshParams.forThreshold(1.0, 128));
    assertThrows(IllegalArgumentException.class, () -> LshParams.forThreshold(0, 128));
  }
}
