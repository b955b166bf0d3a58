package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewlinesTest {
  @Test
  void indexOfAndCount_agreeWithAPlainLoop_onRandomBytes() {
    Random random = new Random(5);
    for (int round = 0; round < 500; round++) {
      byte[] data = new byte[random.nextInt(100)];
      for (int i = 0; i < data.length; i++) {
        int r = random.nextInt(6);
        data[i] = (byte) (r == 0 ? '\n' : r == 1 ? 0x8a : r == 2 ? 0x0b : r == 3 ? 0x09 : random.nextInt(256));
      }
      int plainCount = 0;
      for (byte b : data) {
        plainCount += b == '\n' ? 1 : 0;
      }
      assertThat(Newlines.count(data, data.length)).isEqualTo(plainCount);
      int from = data.length == 0 ? 0 : random.nextInt(data.length);
      int plain = from;
      while (plain < data.length && data[plain] != '\n') {
        plain++;
      }
      assertThat(Newlines.indexOf(data, from, data.length)).isEqualTo(plain);
    }
  }

  @Test
  void findsTheFirstNewlineOfALogChunk() {
    byte[] data = "Nov 29 13:28:45 mx1 postfix/qmgr[4928]: C982620C18F: removed\nx\n".getBytes(StandardCharsets.UTF_8);
    assertThat(Newlines.indexOf(data, 0, data.length)).isEqualTo(60);
    assertThat(Newlines.count(data, data.length)).isEqualTo(2);
  }
}
