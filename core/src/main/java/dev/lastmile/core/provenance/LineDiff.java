package dev.lastmile.core.provenance;

import java.util.Arrays;
import java.util.List;

/**
 * Which line of a file's earlier version each line of its later version is, by a longest common subsequence over
 * the lines (common prefix and suffix first, then a table over what is left). Used to carry "which commit last
 * touched this line" from one commit of a change to the next.
 */
final class LineDiff {

    /** Past this many cells the middle is not aligned: its lines are left unmatched (owner unknown), never guessed. */
    static final long MAX_CELLS = 4_000_000L;

    private LineDiff() {
    }

    /** For each line of {@code after} (0-based), the index of the same line in {@code before}, or -1. */
    static int[] match(List<String> before, List<String> after) {
        int[] out = new int[after.size()];
        Arrays.fill(out, -1);
        int n = before.size();
        int m = after.size();
        int pre = 0;
        while (pre < n && pre < m && before.get(pre).equals(after.get(pre))) {
            out[pre] = pre;
            pre++;
        }
        int suf = 0;
        while (suf < n - pre && suf < m - pre && before.get(n - 1 - suf).equals(after.get(m - 1 - suf))) {
            out[m - 1 - suf] = n - 1 - suf;
            suf++;
        }
        int bn = n - pre - suf;
        int am = m - pre - suf;
        if (bn == 0 || am == 0 || (long) bn * am > MAX_CELLS) {
            return out;
        }
        // lcs[i][j]: the common subsequence length of before[pre+i..] and after[pre+j..]
        int[][] lcs = new int[bn + 1][am + 1];
        for (int i = bn - 1; i >= 0; i--) {
            for (int j = am - 1; j >= 0; j--) {
                lcs[i][j] = before.get(pre + i).equals(after.get(pre + j)) ? lcs[i + 1][j + 1] + 1
                        : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < bn && j < am) {
            if (before.get(pre + i).equals(after.get(pre + j))) {
                out[pre + j] = pre + i;
                i++;
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        return out;
    }
}
