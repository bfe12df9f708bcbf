#if canImport(Glibc)
    import Glibc
#endif

/// Process-wide allocator settings, applied before anything else runs.
enum MallocTuning {
    /// At most two glibc malloc arenas.
    ///
    /// Why: glibc hands each thread that allocates its own arena (up to eight per core), and a
    /// sync allocates a page on one thread (the HTTP client) and frees it on another (the
    /// database writer), so freed memory stranded across arenas and the resident size grew
    /// with the org: a 1,000,000-record initial sync peaked at 976 MB, and at 245 MB with two
    /// arenas, at the same speed.
    ///
    /// `mallopt` is looked up at run time: Swift's Glibc module does not include `malloc.h`.
    static func limitArenas() {
        #if canImport(Glibc)
            typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
            let arenaMax: Int32 = -8  // M_ARENA_MAX in glibc's malloc.h
            // dlsym(RTLD_DEFAULT, …): RTLD_DEFAULT is the null handle.
            guard let symbol = dlsym(nil, "mallopt") else { return }
            _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 2)
        #endif
    }
}
