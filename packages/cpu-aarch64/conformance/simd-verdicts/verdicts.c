#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
static sigjmp_buf jb;
static volatile int sig;
static void h(int s) { sig = s; siglongjmp(jb, s); }
int main(int argc, char **argv) {
    uint32_t *page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static char altstack[65536];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, 0);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = h;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGTRAP, SIGFPE};
    for (int i = 0; i < 5; i++) sigaction(sigs[i], &sa, 0);
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        uint32_t w = (uint32_t)strtoul(line, 0, 16);
        page[0] = w;
        page[1] = 0xd65f03c0; /* ret */
        __builtin___clear_cache((char *)page, (char *)(page + 2));
        sig = 0;
        if (sigsetjmp(jb, 1) == 0) {
            __asm__ volatile(
                "mov x16, %0\n"
                "stp x29, x30, [sp, #-128]!\n"
                "stp x19, x20, [sp, #16]\n stp x21, x22, [sp, #32]\n stp x23, x24, [sp, #48]\n stp x25, x26, [sp, #64]\n stp x27, x28, [sp, #80]\n"
                "mov x19, sp\n"
                "blr x16\n"
                "mov sp, x19\n"
                "ldp x19, x20, [sp, #16]\n ldp x21, x22, [sp, #32]\n ldp x23, x24, [sp, #48]\n ldp x25, x26, [sp, #64]\n ldp x27, x28, [sp, #80]\n"
                "ldp x29, x30, [sp], #128\n"
                :
                : "r"(page)
                : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15", "x16", "x17", "x18",
                  "v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "v11", "v12", "v13", "v14", "v15", "v16", "v17", "v18",
                  "v19", "v20", "v21", "v22", "v23", "v24", "v25", "v26", "v27", "v28", "v29", "v30", "v31", "memory", "cc");
        }
        printf("%08x %s %d\n", w, sig == SIGILL ? "undefined" : "ok", sig);
    }
    return 0;
}
