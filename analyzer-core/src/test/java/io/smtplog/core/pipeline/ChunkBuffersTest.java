package io.smtplog.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkBuffersTest {

  @Test
  void aBufferGivenBack_isTakenAgain() {
    ChunkBuffers buffers = new ChunkBuffers(1024, 2);
    byte[] first = buffers.take(1024);
    assertThat(first).hasSize(1024);
    assertThat(buffers.take(100)).isNotSameAs(first).hasSize(1024); // nothing given back yet: a new one
    buffers.give(first);
    assertThat(buffers.take(1024)).isSameAs(first);
  }

  @Test
  void atMostMaxWait_theRestIsLeftToTheCollector() {
    ChunkBuffers buffers = new ChunkBuffers(64, 2);
    List<byte[]> given = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      given.add(buffers.take(64));
    }
    given.forEach(buffers::give);
    assertThat(buffers.take(64)).isSameAs(given.get(0));
    assertThat(buffers.take(64)).isSameAs(given.get(1));
    byte[] fresh = buffers.take(64);
    assertThat(fresh).isNotSameAs(given.get(2)).hasSize(64);
  }

  @Test
  void aLongLinesLargerBuffer_isNeverKept() {
    ChunkBuffers buffers = new ChunkBuffers(64, 4);
    byte[] large = buffers.take(200);
    assertThat(large).hasSize(200);
    buffers.give(large);
    byte[] next = buffers.take(64);
    assertThat(next).isNotSameAs(large).hasSize(64);
    buffers.give(next);
    assertThat(buffers.take(65)).isNotSameAs(next).hasSize(65); // too small: not handed out
  }
}
