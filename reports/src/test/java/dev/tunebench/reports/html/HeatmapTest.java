package dev.tunebench.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The colour scale against viridis as published with matplotlib (_viridis_data, the BIDS colormaps, CC0):
 * cm.viridis(x) is row floor(256·x) of the 256 rows, and colors.to_hex rounds each channel to 8 bits, e.g.
 * x = 0.5 is row 128, (0.127568, 0.566949, 0.550556) = #21918c; x = 0.75 is row 192, (0.369214, 0.788888,
 * 0.382914) = #5ec962.
 */
class HeatmapTest {
    @Test
    void stopsAreViridisAndTextStaysReadable() {
        assertEquals("background:#440154;color:#fff", Heatmap.style(0));
        assertEquals("background:#21918c;color:#fff", Heatmap.style(0.5));
        assertEquals("background:#5ec962;color:#000", Heatmap.style(0.75));
        assertEquals("background:#fde725;color:#000", Heatmap.style(1));
        assertEquals(Heatmap.style(1), Heatmap.style(1.3), "clamped");
    }
}
