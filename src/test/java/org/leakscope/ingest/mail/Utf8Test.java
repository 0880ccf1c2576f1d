package org.leakscope.ingest.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8Test {
  @Test
  void acceptsAsciiAndEveryEncodingLength() {
    assertTrue(Utf8.isValid(new byte[0]));
    assertTrue(Utf8.isValid("plain ascii".getBytes(StandardCharsets.UTF_8)));
    assertTrue(Utf8.isValid("é € 𝄞 中".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void rejectsOverlongsSurrogatesTruncationAndOutOfRange() {
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0x80}), "overlong NUL");
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80}), "overlong 3-byte");
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "surrogate");
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), "above U+10FFFF");
    assertFalse(Utf8.isValid(new byte[] {'a', (byte) 0xE2, (byte) 0x82}), "cut at the end");
    assertFalse(Utf8.isValid(new byte[] {(byte) 0xE9, 't', 'e'}), "latin-1 é");
  }

  @Test
  void agreesWithTheJdkDecoderOnRandomBytes() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int k = 0; k < b.length; k++) {
        // Mostly high bytes, so multi-byte sequences and their errors are common.
        b[k] = (byte) (random.nextInt(4) == 0 ? random.nextInt(128) : 0x80 + random.nextInt(128));
      }
      assertEquals(jdkValid(b), Utf8.isValid(b), () -> java.util.HexFormat.of().formatHex(b));
    }
  }

  private static boolean jdkValid(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
