package io.sirenorder.local;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

/** Rows of text under a header, each column as wide as its widest cell, as the launcher shows the services. */
record Table(List<String> header, List<List<String>> rows) {

    void printTo(PrintStream out) {
        List<List<String>> lines = Stream.concat(Stream.of(header), rows.stream()).toList();
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        for (List<String> line : lines) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                text.append(String.format("%-" + (widths[column] + 2) + "s", line.get(column)));
            }
            out.println(text.toString().stripTrailing());
        }
    }
}
