/*
 * crossvm: the Linux guest's side of examples/cross-vm, from user space through uio.
 *
 * Finds the two cross-VM connections (PCI 1af4:a111) under /sys/bus/pci/devices, maps their
 * BARs through sysfs (resource0: event registers, resource1: dataport), and for each round
 * writes a message to dataport 0, emits on connection 0, waits for connection 1's interrupt on
 * its /dev/uioN (uio_pci_generic masks INTx in its handler), reads the reply from dataport 1,
 * acknowledges the event (count register := 0) and unmasks INTx (Command bit 10) through the
 * function's config file, as Documentation/driver-api/uio-howto.rst shows.
 *
 * Build: see build.sh (aarch64-linux-gnu-gcc -static).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define EVENT_EMIT 0x0
#define EVENT_COUNT 0x4
#define EVENT_NAME 0x8
#define PCI_DEVICES "/sys/bus/pci/devices"

struct connection {
    char slot[256];
    volatile uint32_t *events;
    volatile char *dataport;
    size_t dataport_size;
    int config_fd;
    int uio_fd;
};

static void die(const char *what) {
    fprintf(stderr, "crossvm: %s: %s\n", what, strerror(errno));
    exit(1);
}

static unsigned long read_hex(const char *slot, const char *file) {
    char path[512], text[32] = {0};
    snprintf(path, sizeof path, PCI_DEVICES "/%s/%s", slot, file);
    int fd = open(path, O_RDONLY);
    if (fd < 0) return 0;
    ssize_t n = read(fd, text, sizeof text - 1);
    close(fd);
    return n > 0 ? strtoul(text, NULL, 16) : 0;
}

static void *map_resource(const char *slot, int bar, size_t *size) {
    char path[512];
    snprintf(path, sizeof path, PCI_DEVICES "/%s/resource%d", slot, bar);
    int fd = open(path, O_RDWR | O_SYNC);
    if (fd < 0) die(path);
    struct stat st; /* sysfs gives resourceN the BAR's size */
    if (fstat(fd, &st) != 0 || st.st_size <= 0) die("sizing a BAR");
    void *at = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (at == MAP_FAILED) die(path);
    close(fd);
    *size = (size_t)st.st_size;
    return at;
}

static int open_uio(const char *slot) {
    char path[512];
    snprintf(path, sizeof path, PCI_DEVICES "/%s/uio", slot);
    DIR *dir = opendir(path);
    if (!dir) die("no uio device (is uio_pci_generic bound?)");
    struct dirent *e;
    int fd = -1;
    while ((e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, "uio", 3) != 0) continue;
        snprintf(path, sizeof path, "/dev/%s", e->d_name);
        fd = open(path, O_RDWR);
        if (fd < 0) die(path);
        break;
    }
    closedir(dir);
    if (fd < 0) die("no uioN under the device");
    return fd;
}

/* Clears Command.InterruptDisable (bit 10: bit 2 of the byte at 0x05). */
static void unmask_intx(struct connection *c) {
    uint8_t high;
    if (pread(c->config_fd, &high, 1, 5) != 1) die("reading the command register");
    high &= (uint8_t)~0x04;
    if (pwrite(c->config_fd, &high, 1, 5) != 1) die("writing the command register");
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    struct connection conns[2];
    int found = 0;
    DIR *dir = opendir(PCI_DEVICES);
    if (!dir) die(PCI_DEVICES);
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (e->d_name[0] == '.') continue;
        if (read_hex(e->d_name, "vendor") != 0x1af4 || read_hex(e->d_name, "device") != 0xa111) continue;
        size_t size;
        volatile uint32_t *events = map_resource(e->d_name, 0, &size);
        const char *name = (const char *)events + EVENT_NAME;
        int index = strcmp(name, "guest_to_component") == 0 ? 0 : strcmp(name, "component_to_guest") == 0 ? 1 : -1;
        printf("guest: %s is connection \"%s\"\n", e->d_name, name);
        if (index < 0) continue;
        struct connection *c = &conns[index];
        snprintf(c->slot, sizeof c->slot, "%s", e->d_name);
        c->events = events;
        c->dataport = map_resource(e->d_name, 1, &c->dataport_size);
        char path[512];
        snprintf(path, sizeof path, PCI_DEVICES "/%s/config", e->d_name);
        c->config_fd = open(path, O_RDWR);
        if (c->config_fd < 0) die(path);
        c->uio_fd = open_uio(e->d_name);
        found |= 1 << index;
    }
    closedir(dir);
    if (found != 3) {
        fprintf(stderr, "crossvm: expected both connections, found mask %d\n", found);
        return 1;
    }
    for (int round = 1; round <= rounds; round++) {
        int n = snprintf((char *)conns[0].dataport, conns[0].dataport_size, "hello component, this is round %d", round);
        printf("guest: wrote %d bytes to dataport 0, emitting\n", n);
        fflush(stdout);
        conns[0].events[EVENT_EMIT / 4] = 1;
        uint32_t interrupts;
        if (read(conns[1].uio_fd, &interrupts, sizeof interrupts) != sizeof interrupts) die("waiting on uio");
        uint32_t events = conns[1].events[EVENT_COUNT / 4];
        conns[1].events[EVENT_COUNT / 4] = 0;
        unmask_intx(&conns[1]);
        printf("guest: IRQ (uio count %u), events %u, reply \"%s\"\n", interrupts, events, (const char *)conns[1].dataport);
    }
    printf("guest: %d round trips done\n", rounds);
    return 0;
}
