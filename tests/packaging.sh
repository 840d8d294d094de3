#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# packaging.sh - tests of what `make install` and the .deb ship: the man
# pages, the bash completion, the systemd unit, the install layout.
#
# Usage: tests/packaging.sh TEST...
#   man          each page renders with man -l, mandoc -T lint and groff -w all
#                with no warning, and lexgrog reads its NAME line
#   man-options  every verb and option `clonecheck --help` lists is in
#                clonecheck(8) (the daemon's own may be in clonecheck-daemon(8)
#                only), and every option the pages name is one the binary
#                knows (the daemon's, once the binary has the verb)
#   completion   the bash completion, called as bash calls it
#   unit         systemd-analyze verify on the unit as `make install` lays it
#                out, with no complaint; its exposure rating at most 2.0
#   sandbox      (root, BPF) clonecheck observes, under the unit's capability
#                bounding set and under strace: it judges clones, reads
#                kernel addresses, and makes only system calls, sockets and
#                mappings the unit's filters allow
#   boot         (root, BPF) the unit as make install lays it out, under
#                systemd as PID 1 (systemd-nspawn -b on an overlay of /):
#                started (READY=1), watching with the status line, reloaded
#                (same pid), watchdog fed, stopped (final report in the
#                journal), metrics and state directory where the unit says
#   install      make install / make uninstall with DESTDIR: files and modes
#   deb          dpkg-buildpackage -b in a copy of the tree, then lintian with
#                no error and the .deb's contents (slow: `make deb`)
# Run from the top of the tree.  CLONECHECK_BIN names the binary (default
# .output/clonecheck), OUTPUT the build directory (default .output).
# Each failure is one line on stderr; the exit status is 1 if any.
set -uo pipefail

OUTPUT=${OUTPUT:-.output}
BIN=${CLONECHECK_BIN:-$OUTPUT/clonecheck}
PAGES=(man/clonecheck.8 man/clonecheck-daemon.8)
UNIT_IN=systemd/clonecheck.service.in
failures=0
tmp=$(mktemp -d /tmp/clonecheck-packaging.XXXXXX) || exit 2
boot=
trap 'boot_cleanup; rm -rf "$tmp"' EXIT
umask 022

fail()
{
	echo "packaging.sh $test: $*" >&2
	failures=$((failures + 1))
}

# `make` from inside make check: no jobserver or flags of the outer make.
submake()
{
	env -u MAKEFLAGS -u MFLAGS -u MAKEOVERRIDES -u MAKELEVEL make --no-print-directory "$@"
}

# The options a --help text lists, one a line: --long, -x.
help_options()
{
	grep -oE '^ {2,}(-[^ ,], )?--[a-z][a-z-]*' | tr -d ' ' | tr ',' '\n'
}

# Does the --help text on stdin show the daemon verb (in USAGE or EXAMPLES)?
has_daemon_verb()
{
	grep -qE '^ *(USAGE: )?clonecheck (\[[a-z]+\] )?daemon\b|^ +clonecheck daemon\b'
}

# A man page's roff source without font changes (\fB, \fR, \f(CW, \f[..]).
page_text()
{
	sed -E 's/\\f(\(..|\[[^]]*\]|.)//g' "$1"
}

# Does a man page name option $2 (--long or -x), written with \- for each
# dash and not followed by more of a word?
page_names_option()
{
	local roff=${2//-/\\-}

	grep -qP -- "(?<![\\\\A-Za-z0-9-])\Q$roff\E(?![A-Za-z0-9_]|\\\\-)" <<<"$(page_text "$1")"
}

# The options a man page names, one a line (from $2 up to the next .SH, or
# the whole page): \-\-long and single-letter \-x.
page_options()
{
	local text

	text=$(page_text "$1")
	if [[ -n ${2-} ]]; then
		text=$(awk -v sh="$2" '/^\.SH/ { on = ($0 == sh) } on' <<<"$text")
	fi
	grep -oP '(?<![\\A-Za-z0-9-])\\-\\-[a-z][a-z]*(\\-[a-z]+)*' <<<"$text" | sed 's/\\-/-/g'
	grep -oP '(?<![\\A-Za-z0-9-])\\-[A-Za-z?](?![A-Za-z0-9_]|\\-)' <<<"$text" | sed 's/\\-/-/g'
}

test_man()
{
	local page out

	for page in "${PAGES[@]}"; do
		out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings=all -l "$page" 2>&1 >"$tmp/rendered")
		[[ $? -eq 0 && -z $out ]] || fail "man -l $page: $out"
		grep -q '^NAME' "$tmp/rendered" || fail "man -l $page: no NAME section rendered"
		out=$(mandoc -T lint -W warning "$page" 2>&1)
		[[ $? -eq 0 && -z $out ]] || fail "mandoc -T lint $page: $out"
		out=$(groff -man -t -w all -z "$page" 2>&1)
		[[ $? -eq 0 && -z $out ]] || fail "groff -w all $page: $out"
		# the whatis line mandb and lintian read
		out=$(lexgrog "$page" 2>&1)
		[[ $out == *": \"$(basename "$page" .8) - "* ]] || fail "lexgrog $page: $out"
	done
}

test_man_options()
{
	local help opt verb

	help=$("$BIN" --help) || { fail "$BIN --help failed"; return; }
	help_options <<<"$help" | sort -u >"$tmp/help"
	[[ $(wc -l <"$tmp/help") -ge 10 ]] || fail "only $(wc -l <"$tmp/help") options in --help"
	page_options man/clonecheck-daemon.8 '.SH OPTIONS' | sort -u >"$tmp/daemon"
	# each in clonecheck(8), or for the daemon's own, in clonecheck-daemon(8)
	while read -r opt; do
		page_names_option man/clonecheck.8 "$opt" || grep -qxF -- "$opt" "$tmp/daemon" ||
			fail "clonecheck(8) lacks $opt"
	done <"$tmp/help"
	# the verbs --help shows in its usage and examples
	for verb in $(grep -oE '^ *(USAGE: )?clonecheck \[?[a-z]+' <<<"$help" |
		      grep -oE '[a-z]+$' | sort -u); do
		grep -qE "^\.BI? \"?$verb\b" man/clonecheck.8 || fail "clonecheck(8) lacks the verb $verb"
	done
	# nothing documented that the binary does not know
	while read -r opt; do
		grep -qxF -- "$opt" "$tmp/help" || fail "clonecheck(8) names $opt, which --help does not list"
	done < <(page_options man/clonecheck.8 | sort -u)
	[[ $(wc -l <"$tmp/daemon") -ge 10 ]] || fail "only $(wc -l <"$tmp/daemon") options in clonecheck-daemon(8)"
	if has_daemon_verb <<<"$help"; then
		while read -r opt; do
			grep -qxF -- "$opt" "$tmp/help" ||
				fail "clonecheck-daemon(8) names $opt, which --help does not list"
		done <"$tmp/daemon"
	fi
}

# Completions for a command line whose last word is being completed, one a
# line, as bash would ask for them: run in a bash with bash-completion loaded.
complete_words()
{
	local dir=$1

	shift
	(
		cd "$dir" || exit 2
		# shellcheck disable=SC1091
		. /usr/share/bash-completion/bash_completion
		. "$OLDPWD/completion/clonecheck"
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=${LINE:-$*}	# LINE: as typed, when bash split at '='
		COMP_POINT=${#COMP_LINE}
		COMPREPLY=()
		_clonecheck clonecheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf '%s\n' "${COMPREPLY[@]}" | sort -u
	)
}

# expect_completion DIR WANT DONT WORD...: every word of WANT is offered and
# none of DONT.  WANT="=a b" means exactly a and b.
expect_completion()
{
	local dir=$1 want=$2 dont=$3 got w

	shift 3
	got=$(complete_words "$dir" "$@")
	if [[ $want == =* ]]; then
		[[ $(tr '\n' ' ' <<<"$got") == "$(tr ' ' '\n' <<<"${want#=}" | sort -u | tr '\n' ' ')" ]] ||
			fail "'$*': got [$(echo $got)], want exactly [${want#=}]"
		return
	fi
	for w in $want; do
		grep -qxF -- "$w" <<<"$got" || fail "'$*': $w not offered (got: $(echo $got))"
	done
	for w in $dont; do
		grep -qxF -- "$w" <<<"$got" && fail "'$*': $w offered"
	done
}

test_completion()
{
	local d=$tmp/files out opt

	mkdir -p "$d/sub"
	touch "$d/a.html" "$d/b.XML" "$d/c.c" "$d/d.cct" "$d/e.ktap" "$d/f.prom"
	out=$(bash --norc --noprofile -c '. /usr/share/bash-completion/bash_completion;
		. completion/clonecheck; complete -p clonecheck' 2>&1)
	[[ $out == "complete -F _clonecheck clonecheck" ]] || fail "complete -p: $out"

	expect_completion . "=run record check daemon" "" clonecheck ""
	expect_completion . "=record run" "" clonecheck r
	expect_completion . "=auto fentry kprobe tracepoint" "" clonecheck --backend ""
	expect_completion . "=kprobe" "" clonecheck -v --backend k
	expect_completion . "--command --all --report --junit --ktap --backend --help" \
		"--output --profile --metrics-file" clonecheck -
	expect_completion . "--output --command --duration" "--profile" clonecheck record -
	expect_completion . "--profile --report --json" "--command --all --output --duration" \
		clonecheck check -
	expect_completion . "--metrics-file --evidence-dir --journal --no-journal --open-timeout" \
		"--output --profile" clonecheck daemon -
	# file arguments: by extension, directories too
	expect_completion "$d" "=a.html b.XML e.ktap sub" "" clonecheck --report ""
	expect_completion "$d" "=b.XML sub" "" clonecheck check x.cct --junit ""
	expect_completion "$d" "=d.cct sub" "" clonecheck check ""
	expect_completion "$d" "=d.cct sub" "" clonecheck -v --report r.html check ""
	expect_completion "$d" "=" "" clonecheck check d.cct ""
	expect_completion "$d" "=f.prom sub" "" clonecheck daemon --metrics-file ""
	# --option=value: bash splits the word at '='
	LINE="clonecheck --report=" expect_completion "$d" "=a.html b.XML e.ktap sub" "" \
		clonecheck --report = ""
	LINE="clonecheck --backend=t" expect_completion . "=tracepoint" "" clonecheck --backend = t
	expect_completion "$d" "=sub" "" clonecheck daemon --evidence-dir ""
	expect_completion . "$$" "" clonecheck -p ""
	expect_completion . "=" "" clonecheck -d ""

	# every option of --help is offered for some verb
	"$BIN" --help | help_options | sort -u >"$tmp/help" || fail "$BIN --help failed"
	for v in "" run record check daemon; do
		complete_words . clonecheck $v -
	done | sort -u >"$tmp/offered"
	while read -r opt; do
		[[ $opt == "-?" ]] && continue	# a glob: --help is offered instead
		grep -qxF -- "$opt" "$tmp/offered" || fail "$opt (in --help) is never offered"
	done <"$tmp/help"
	# the daemon's options are its man page's (plus --help and the like)
	complete_words . clonecheck daemon - | grep -vxE -- '--help|--usage|-V|--version' >"$tmp/offered"
	page_options man/clonecheck-daemon.8 '.SH OPTIONS' | sort -u >"$tmp/daemon"
	out=$(diff "$tmp/daemon" "$tmp/offered") ||
		fail "daemon options: clonecheck-daemon(8) (<) and completion (>) differ: $(echo $out)"
}

# Install with PREFIX=$tmp/root/usr so that ExecStart names a real binary
# and man finds the Documentation= pages, then verify the installed unit.
test_unit()
{
	local root=$tmp/root/usr unit out

	out=$(submake install PREFIX="$root" 2>&1) || { fail "make install: $out"; return; }
	unit=$root/lib/systemd/system/clonecheck.service
	grep -qxF "ExecStart=$root/sbin/clonecheck daemon -a $(unit_value ExecStart | cut -d' ' -f4-)" "$unit" ||
		fail "ExecStart does not run $root/sbin/clonecheck daemon -a"
	out=$(MANPATH=$root/share/man SYSTEMD_LOG_LEVEL=notice systemd-analyze verify "$unit" 2>&1)
	[[ $? -eq 0 && -z $out ]] || fail "systemd-analyze verify: $out"
	# systemd's own rating of the sandbox: 1.8 when written; fail above 2.0
	out=$(systemd-analyze security --offline=yes --threshold=20 "$unit" 2>&1) ||
		fail "systemd-analyze security: $(tail -n 1 <<<"$out")"
	# what the README and the pages promise of the unit
	[[ $(unit_value Type) == notify ]] || fail "Type= is not notify"
	[[ -n $(unit_value WatchdogSec) ]] || fail "no WatchdogSec="
	for key in NoNewPrivileges PrivateTmp ProtectHome; do
		[[ $(unit_value $key) == yes ]] || fail "$key= is not yes"
	done
	[[ $(unit_value ProtectSystem) == strict ]] || fail "ProtectSystem= is not strict"
	[[ $(unit_value CapabilityBoundingSet) == "$(unit_value AmbientCapabilities)" ]] ||
		fail "CapabilityBoundingSet= and AmbientCapabilities= differ"
	# these two would cost X-13's check (kallsyms) and CAP_SYSLOG
	for key in ProtectKernelTunables ProtectKernelLogs ProcSubset; do
		[[ -z $(unit_value $key) ]] || fail "$key= is set"
	done
	# every path ExecStart writes is one the unit makes writable
	for opt in --metrics-file --evidence-dir; do
		out=$(unit_value ExecStart | grep -oE -- "$opt [^ ]+" | cut -d' ' -f2)
		[[ -n $out ]] || { fail "ExecStart has no $opt"; continue; }
		writable_in_unit "$out" || fail "$opt $out is not under a writable path of the unit"
	done
}

# The value of KEY= in the unit's source (the last one).
unit_value()
{
	sed -n "s/^$1=//p" "$UNIT_IN" | tail -n 1
}

# Is path $1 under ReadWritePaths= or /var/lib/<StateDirectory=>?
writable_in_unit()
{
	local p

	for p in $(unit_value ReadWritePaths) $(unit_value StateDirectory | sed 's|[^ ]*|/var/lib/&|g'); do
		p=${p#-}
		[[ $1 == "$p" || $1 == "$p"/* ]] && return 0
	done
	return 1
}

# The system calls a filter list (@groups and names) allows, one a line.
filter_syscalls()
{
	local w

	for w in "$@"; do
		if [[ $w == @* ]]; then
			filter_syscalls $(systemd-analyze syscall-filter "$w" |
				awk -v g="$w" '$1 == g { on = 1; next } /^@|^$/ && !/^    / { on = 0 }
					on && $1 !~ /^#/ { print $1 }')
		else
			echo "$w"
		fi
	done
}

test_sandbox()
{
	local caps bset out status trace=$tmp/strace pid cmd spid dpid

	[[ $(id -u) -eq 0 ]] || { fail "needs root"; return; }
	caps=$(unit_value CapabilityBoundingSet)
	[[ -n $caps ]] || { fail "no CapabilityBoundingSet="; return; }
	bset=-all$(for c in $caps; do c=${c#CAP_}; printf ',+%s' "${c,,}"; done)
	# Clones to judge while it watches, made by a shell of a name of our own:
	# --comm keeps out what the rest of the machine does meanwhile.
	cp /bin/bash "$tmp/ccpkgen" || { fail "cannot copy /bin/bash"; return; }
	"$tmp/ccpkgen" -c 'for i in $(seq 150); do /bin/true; sleep 0.02; done' &
	pid=$!
	if has_daemon_verb <<<"$("$BIN" --help)"; then
		# so far run only with a stand-in that has the verb
		cmd=("$BIN" daemon -a --comm ccpkgen --no-journal --metrics-file "$tmp/m.prom"
		     --evidence-dir "$tmp")
		setpriv --bounding-set "$bset" --inh-caps -all \
			strace -f -qq -o "$trace" "${cmd[@]}" >"$tmp/out" 2>&1 &
		spid=$!
		sleep 3
		dpid=$(pgrep -P "$spid")	# strace's child: the daemon
		[[ -n $dpid ]] && kill -TERM "$dpid"
		wait "$spid"
		status=$?
		[[ -n $dpid && $status -ne 2 && $status -lt 128 ]] ||
			fail "daemon under [$caps] exited $status: $(tail -n 3 "$tmp/out")"
	else
		cmd=("$BIN" -a -d 1.5 --comm ccpkgen)
		out=$(setpriv --bounding-set "$bset" --inh-caps -all \
		      strace -f -qq -o "$trace" "${cmd[@]}" 2>&1)
		status=$?
		# 1 is the kernel's verdict, not the sandbox's: live_clone.c judges that
		[[ $status -eq 0 || $status -eq 1 ]] ||
			fail "clonecheck -a under [$caps] exited $status: $(grep -vE '^ {2,}|^[A-Z]-|^[A-Z]\.' <<<"$out" | tail -n 4)"
		grep -qE '^clones +[1-9][0-9]*: [1-9][0-9]* pass' <<<"$out" ||
			fail "under [$caps]: no clone judged: $(grep -E '^(clones|verdict)' <<<"$out")"
		grep -qE 'ret_from_fork=0x[0-9a-f]+' <<<"$out" ||
			fail "under [$caps]: no kernel address read (ret_from_fork=0: X-13 unchecked)"
	fi
	kill "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	[[ -s $trace ]] || { fail "strace wrote nothing"; return; }

	# system calls: all allowed by SystemCallFilter=
	filter_syscalls $(unit_value SystemCallFilter) | sort -u >"$tmp/allowed"
	[[ $(wc -l <"$tmp/allowed") -gt 100 ]] || fail "SystemCallFilter= expands to $(wc -l <"$tmp/allowed") calls"
	awk '{ s = $2; if (s ~ /^[a-z_0-9]+\(/) { sub(/\(.*/, "", s); print s } }' "$trace" |
		sort -u >"$tmp/used"
	[[ $(wc -l <"$tmp/used") -gt 10 ]] || fail "only $(wc -l <"$tmp/used") system calls traced"
	out=$(comm -23 "$tmp/used" "$tmp/allowed")
	[[ -z $out ]] || fail "system calls outside SystemCallFilter=: $(echo $out)"
	# sockets: only the families of RestrictAddressFamilies=
	out=$(grep -oE 'socket\(AF_[A-Z0-9]+' "$trace" | cut -d'(' -f2 | sort -u |
	      grep -vxF -f <(tr ' ' '\n' <<<"$(unit_value RestrictAddressFamilies)"))
	[[ -z $out ]] || fail "socket families outside RestrictAddressFamilies=: $(echo $out)"
	# MemoryDenyWriteExecute=: no mapping both writable and executable
	out=$(grep -E '(mmap|mprotect)\(.*PROT_WRITE\|PROT_EXEC|(mmap|mprotect)\(.*PROT_EXEC\|PROT_WRITE' "$trace" |
	      grep -E 'PROT_[A-Z|]*WRITE' | grep -E 'PROT_[A-Z|]*EXEC' | head -n 2)
	[[ -z $out ]] || fail "W+X mapping under MemoryDenyWriteExecute=: $out"
}

# Inside the container of test_boot, once booted: drive the unit and keep
# what systemd says in /probe-out, then power off.
BOOT_PROBE='#!/bin/sh
out=/probe-out
exec >$out/probe.log 2>&1
show() { systemctl show clonecheck -p ActiveState -p SubState -p StatusText -p MainPID \
	-p NRestarts -p Result -p ExecMainStatus >$out/$1; }
systemctl start clonecheck.service; echo "start $?" >>$out/rc
show start
cp /bin/bash /tmp/ccbootgen
/tmp/ccbootgen -c "for i in \$(seq 120); do /bin/true; done"
sleep 5				# past two watchdog intervals of the drop-in
show run
systemctl reload clonecheck.service; echo "reload $?" >>$out/rc
sleep 1
show reload
systemctl stop clonecheck.service; echo "stop $?" >>$out/rc
show stop
cp /var/lib/clonecheck/clonecheck.prom $out/metrics
stat -c "%a %U %n" /var/lib/clonecheck /var/lib/clonecheck/evidence /var/lib/clonecheck/clonecheck.prom >$out/state
journalctl -u clonecheck.service --no-pager -o cat >$out/journal
touch $out/done
systemctl poweroff'

# The unit under systemd as PID 1.  The container is an overlay of this
# machine's / with a tmpfs on top, so it boots this Debian's own systemd and
# nothing it writes reaches the host.  systemd-nspawn gives the container a
# read-only /sys and drops CAP_SYS_RAWIO, so sys-kernel-tracing.mount (which
# mounts tracefs at boot on a real host, and which the unit wants) is
# skipped there: the host's tracefs is bound in its place.
test_boot()
{
	local r k v got n rc=/dev/null

	[[ $(id -u) -eq 0 ]] || { fail "needs root"; return; }
	command -v systemd-nspawn >/dev/null || { fail "no systemd-nspawn (package systemd-container)"; return; }
	boot=$(mktemp -d /run/clonecheck-boot.XXXXXX) || { fail "mktemp"; return; }
	r=$boot/root
	mkdir -p "$tmp/probe-out" &&
	mount -t tmpfs -o size=256m,mode=0755 clonecheck-boot "$boot" &&
	mkdir "$boot/upper" "$boot/work" "$r" &&
	mount -t overlay clonecheck-boot -o "lowerdir=/,upperdir=$boot/upper,workdir=$boot/work" "$r" ||
		{ fail "cannot make the container's root under $boot"; return; }
	mountpoint -q /sys/kernel/tracing || mount -t tracefs nodev /sys/kernel/tracing ||
		{ fail "cannot mount tracefs"; return; }
	out=$(submake install DESTDIR="$r" PREFIX=/usr 2>&1) || { fail "make install into the container: $out"; return; }
	mkdir -p "$r/etc/systemd/system/clonecheck.service.d" &&
	printf '[Service]\nWatchdogSec=2s\n' >"$r/etc/systemd/system/clonecheck.service.d/watchdog.conf" &&
	printf '[Service]\nType=oneshot\nExecStart=/probe.sh\n' >"$r/etc/systemd/system/clonecheck-probe.service" &&
	printf '%s\n' "$BOOT_PROBE" >"$r/probe.sh" && chmod 0755 "$r/probe.sh" ||
		{ fail "cannot write into the container"; return; }
	timeout 150 systemd-nspawn -q -D "$r" --register=no --keep-unit \
		--capability=CAP_BPF,CAP_PERFMON,CAP_SYSLOG --system-call-filter="bpf perf_event_open" \
		--bind="$tmp/probe-out:/probe-out" --bind-ro=/sys/kernel/tracing \
		-b systemd.wants=clonecheck-probe.service >"$tmp/console" 2>&1
	rc=$?
	[[ -e $tmp/probe-out/done ]] ||
		{ fail "the probe did not finish (nspawn exited $rc): $(grep -v '^\[' "$tmp/console" | tail -n 3 | tr '\n' ' ')"; return; }
	for k in start reload stop; do
		grep -qx "$k 0" "$tmp/probe-out/rc" || fail "systemctl $k failed: $(tr '\n' ' ' <"$tmp/probe-out/rc")"
	done
	get() { sed -n "s/^$2=//p" "$tmp/probe-out/$1"; }
	for k in start run reload; do
		[[ $(get $k ActiveState)/$(get $k SubState) == active/running ]] ||
			fail "$k: $(get $k ActiveState)/$(get $k SubState), want active/running"
		[[ $(get $k NRestarts) == 0 ]] || fail "$k: restarted $(get $k NRestarts) times (watchdog?)"
	done
	[[ $(get start MainPID) -gt 0 && $(get reload MainPID) == $(get start MainPID) ]] ||
		fail "MainPID $(get start MainPID) at start, $(get reload MainPID) after reload"
	got=$(get run StatusText)
	# system-wide: kernel threads and workers (no syscall) are unjudged
	n=$(sed -nE 's/^([0-9]+) clones judged: ([0-9]+) pass, 0 mismatch, 0 incomplete, ([0-9]+) unjudged;.*/\1 \2 \3/p' <<<"$got")
	read -r k v n <<<"$n"
	[[ -n $n && $v -ge 120 && $k -eq $((v + n)) ]] ||
		fail "status while watching: '$got', want >= 120 clones passed, the rest unjudged"
	[[ $(get stop Result) == success && $(get stop ActiveState) == inactive && $(get stop ExecMainStatus) == 0 ]] ||
		fail "stop: $(get stop ActiveState), Result=$(get stop Result), status $(get stop ExecMainStatus)"
	grep -qE '^verdict +CONFORMS' "$tmp/probe-out/journal" ||
		fail "no final verdict in the journal: $(tail -n 2 "$tmp/probe-out/journal" | tr '\n' ' ')"
	v=$(sed -nE 's/^clonecheck_clones_total\{verdict="pass"\} ([0-9]+)$/\1/p' "$tmp/probe-out/metrics" 2>/dev/null)
	[[ ${v:-0} -ge 120 ]] || fail "metrics file: clonecheck_clones_total pass = '${v}', want >= 120"
	# StateDirectory='s directories (StateDirectoryMode= 0755); the metrics
	# file 0644 for node_exporter whatever UMask= says
	[[ $(tr '\n' ' ' <"$tmp/probe-out/state") == "755 root /var/lib/clonecheck 755 root /var/lib/clonecheck/evidence 644 root /var/lib/clonecheck/clonecheck.prom " ]] ||
		fail "state directories: $(tr '\n' ' ' <"$tmp/probe-out/state")"
}

boot_cleanup()
{
	[[ -n ${boot:-} ]] || return 0
	mountpoint -q "$boot/root" && umount "$boot/root"
	mountpoint -q "$boot" && umount "$boot"
	rmdir "$boot"
}

test_install()
{
	local d=$tmp/destdir pre f out want mode

	for pre in /usr/local /usr; do
		rm -rf "$d"
		if [[ $pre == /usr/local ]]; then
			out=$(submake install DESTDIR="$d" 2>&1)	# the default PREFIX
		else
			out=$(submake install DESTDIR="$d" PREFIX=$pre 2>&1)
		fi
		[[ $? -eq 0 ]] || { fail "make install PREFIX=$pre: $out"; continue; }
		want="0755 $pre/sbin/clonecheck
0644 $pre/share/man/man8/clonecheck.8.gz
0644 $pre/share/man/man8/clonecheck-daemon.8.gz
0644 $pre/share/bash-completion/completions/clonecheck
0644 $pre/lib/systemd/system/clonecheck.service"
		out=$(cd "$d" && find . -type f -printf '%m %p\n' | sed 's|^\([0-7]*\) \./|0\1 /|' | sort -k2)
		[[ $out == "$(sort -k2 <<<"$want")" ]] ||
			fail "PREFIX=$pre: installed [$(echo $out)], want [$(echo $want)]"
		out=$(cd "$d" && find . -type d ! -perm 0755)
		[[ -z $out ]] || fail "PREFIX=$pre: directories not 0755: $(echo $out)"
		cmp -s "$BIN" "$d$pre/sbin/clonecheck" || fail "PREFIX=$pre: the binary differs from $BIN"
		cmp -s completion/clonecheck "$d$pre/share/bash-completion/completions/clonecheck" ||
			fail "PREFIX=$pre: the completion differs"
		for f in "${PAGES[@]}"; do
			f=$d$pre/share/man/man8/$(basename "$f").gz
			gzip -t "$f" || fail "$f: not gzip"
			zcat "$f" | cmp -s - "man/$(basename "$f" .gz)" || fail "$f: not the page"
			# gzip -n: no name, no time stamp (bytes 3..7 of the header)
			[[ $(od -An -tx1 -j3 -N5 "$f" | tr -d ' ') == 0000000000 ]] ||
				fail "$f: gzip header has a name or a time stamp"
		done
		out=$(MANPATH=$d$pre/share/man MANWIDTH=80 man clonecheck-daemon 2>&1 | head -n 1)
		[[ $out == CLONECHECK-DAEMON* ]] || fail "PREFIX=$pre: man cannot find the page: $out"
		grep -qE "^ExecStart=$pre/sbin/clonecheck daemon " "$d$pre/lib/systemd/system/clonecheck.service" ||
			fail "PREFIX=$pre: ExecStart is not $pre/sbin/clonecheck daemon"
		grep -qE '@[A-Z_]+@' "$d$pre/lib/systemd/system/clonecheck.service" &&
			fail "PREFIX=$pre: an @placeholder@ is left in the unit"
		out=$(submake uninstall DESTDIR="$d" PREFIX=$pre 2>&1) || fail "make uninstall: $out"
		out=$(find "$d" ! -type d)
		[[ -z $out ]] || fail "PREFIX=$pre: left after uninstall: $(echo $out)"
	done
}

test_deb()
{
	local src=$OUTPUT/deb/clonecheck deb out start status

	rm -rf "$OUTPUT/deb" && mkdir -p "$src" || { fail "cannot make $src"; return; }
	# the tree as it is: the files git tracks or would (or all but $OUTPUT)
	if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
		git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$src"
	else
		tar -cf - --exclude="./${OUTPUT#./}" . | tar -xf - -C "$src"
	fi || { fail "cannot copy the tree"; return; }
	start=$(date +%s)
	(cd "$src" && dpkg-buildpackage -b -us -uc) >"$OUTPUT/deb/build.log" 2>&1 ||
		{ fail "dpkg-buildpackage failed: $(tail -n 5 "$OUTPUT/deb/build.log")"; return; }
	echo "dpkg-buildpackage -b: $(($(date +%s) - start)) s" >&2
	deb=$(ls "$OUTPUT"/deb/clonecheck_*.deb 2>/dev/null | head -n 1)
	[[ -n $deb ]] || { fail "no .deb"; return; }
	# lintian warns against running as root: as nobody, when we are root
	local as=()
	[[ $(id -u) -eq 0 ]] && as=(setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/tmp)
	out=$("${as[@]}" lintian --tag-display-limit 0 "$OUTPUT"/deb/clonecheck_*.changes 2>&1)
	status=$?	# 1 on an error tag, or when lintian itself fails
	echo "$out" >"$OUTPUT/deb/lintian.log"
	[[ $status -eq 0 ]] || fail "lintian exited $status: $(grep -vE '^(W|I|P|N): ' <<<"$out" | head -n 5)"
	grep -E '^W: ' <<<"$out" >&2
	dpkg-deb -c "$deb" | awk '{ print substr($1, 1, 10), $6 }' >"$tmp/contents"
	for f in "-rwxr-xr-x ./usr/sbin/clonecheck" \
		 "-rw-r--r-- ./usr/share/man/man8/clonecheck.8.gz" \
		 "-rw-r--r-- ./usr/share/man/man8/clonecheck-daemon.8.gz" \
		 "-rw-r--r-- ./usr/share/bash-completion/completions/clonecheck" \
		 "-rw-r--r-- ./lib/systemd/system/clonecheck.service"; do
		grep -qxF -- "$f" "$tmp/contents" || fail "$deb lacks $f"
	done
	grep -q '^ Depends:.*libbpf' <<<"$(dpkg-deb -I "$deb")" || fail "$deb does not depend on libbpf"
	grep -q '^ExecStart=/usr/sbin/clonecheck daemon ' \
		<<<"$(dpkg-deb --fsys-tarfile "$deb" | tar -xO ./lib/systemd/system/clonecheck.service)" ||
		fail "the .deb's unit does not run /usr/sbin/clonecheck"
}

[[ $# -gt 0 ]] || { sed -n '4,28p' "$0" >&2; exit 2; }
for test in "$@"; do
	case $test in
	man) test_man ;;
	man-options) test_man_options ;;
	completion) test_completion ;;
	unit) test_unit ;;
	sandbox) test_sandbox ;;
	install) test_install ;;
	boot) test_boot ;;
	deb) test_deb ;;
	*) echo "packaging.sh: no test '$test'" >&2; exit 2 ;;
	esac
done
[[ $failures -eq 0 ]]
