import CCairo

/// How the process hands memory back. A build allocates a few large, short-lived buffers (a
/// 1600x1000 chart surface is 6.4 MB, a 2x slide figure 25 MB) from two threads at once. glibc's
/// defaults keep them: its mmap threshold rises to the largest buffer freed (up to 32 MB), so
/// every later surface comes from the heap and stays there, and each thread gets an arena of its
/// own. Measured on the default build: 77–80 MiB peak RSS with the defaults, 66–68 MiB with a
/// fixed 128 KiB mmap and trim threshold and two arenas, at the same speed.
public enum ProcessMemory {
    /// Call once, first thing in `main`, before any thread starts.
    public static func returnLargeBuffersPromptly() {
        #if os(Linux)
        _ = mallopt(M_MMAP_THRESHOLD, 128 * 1024)
        _ = mallopt(M_TRIM_THRESHOLD, 128 * 1024)
        _ = mallopt(M_ARENA_MAX, 2)
        #endif
    }
}
