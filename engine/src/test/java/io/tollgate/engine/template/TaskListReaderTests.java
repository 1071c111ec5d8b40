package io.tollgate.engine.template;

import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How CSV task lists are read: charset, separator, quoting, row numbers and bounds. */
class TaskListReaderTests {

    private final TaskListReader reader = new TaskListReader();

    @Test
    void readsQuotedFieldsWithSeparatorsAndLineBreaksAndNumbersRowsAsASpreadsheetWould() {
        String csv = "Task;Stage;Predecessor\r\n\"Pour; level 1\";Build;\r\n\"Two\nlines\";Build;\"Pour; level 1\"\r\n;;\r\nLast;Build;\r\n";
        TaskListReader.TaskList list = reader.read(csv.getBytes(StandardCharsets.UTF_8), TaskListReader.Format.CSV);
        assertThat(list.charset()).isEqualTo("UTF-8");
        assertThat(list.letter("task")).isEqualTo("A");
        assertThat(list.letter("stage")).isEqualTo("B");
        assertThat(list.lines()).extracting(TaskListReader.Line::row).containsExactly(2, 3, 5);
        assertThat(list.lines().get(0).get("task")).isEqualTo("Pour; level 1");
        assertThat(list.lines().get(1).get("task")).isEqualTo("Two\nlines");
        assertThat(list.lines().get(1).get("predecessor")).isEqualTo("Pour; level 1");
        assertThat(list.lines().get(2).get("assignee")).isEmpty();
    }

    @Test
    void tellsGb18030FromUtf8AndHonoursAByteOrderMark() {
        String csv = "阶段,任务,负责人\n设计,方案设计,张三\n";
        TaskListReader.TaskList gbk = reader.read(csv.getBytes(Charset.forName("GBK")), null);
        assertThat(gbk.charset()).isEqualTo("GB18030");
        assertThat(gbk.lines().get(0).get("task")).isEqualTo("方案设计");
        byte[] utf8 = csv.getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        TaskListReader.TaskList withBom = reader.read(bom, null);
        assertThat(withBom.charset()).isEqualTo("UTF-8");
        assertThat(withBom.lines().get(0).get("assignee")).isEqualTo("张三");
    }

    @Test
    void boundsRowsAndCellsAndRefusesFilesWithoutTheHeader() {
        StringBuilder many = new StringBuilder("Stage,Task\n");
        for (int i = 0; i <= TaskListReader.MAX_ROWS; i++) {
            many.append("S,T").append(i).append('\n');
        }
        assertThatThrownBy(() -> reader.read(many.toString().getBytes(StandardCharsets.UTF_8), TaskListReader.Format.CSV))
                .isInstanceOf(ErrorResponseException.class).hasMessageContaining("400");
        TaskListReader.TaskList list = reader.read(("Stage,Task\nS," + "x".repeat(TaskListReader.MAX_CELL + 1))
                .getBytes(StandardCharsets.UTF_8), TaskListReader.Format.CSV);
        assertThat(list.lines()).isEmpty();
        assertThat(list.errors()).singleElement().satisfies(e -> {
            assertThat(e.row()).isEqualTo(2);
            assertThat(e.column()).isEqualTo("B");
            assertThat(e.code()).isEqualTo("too-long");
        });
        assertThatThrownBy(() -> reader.read("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), null))
                .isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> reader.read(new byte[TaskListReader.MAX_BYTES + 1], null))
                .isInstanceOf(ErrorResponseException.class).hasMessageContaining("413");
    }
}
