# Sourced by ./mvnw and ./finres: makes JAVA_HOME point at a JDK >= 21.
# Order: JAVA_HOME, `java` on PATH, then the usual install folders. A JDK that is too old is skipped, not used.
# Returns non-zero with a message on stderr when none is found.

finres_java_major() {
  # Prints the feature version of the java binary given, e.g. 21 or 25; nothing when it does not run.
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

finres_find_jdk() {
  finres_min=21
  finres_candidates=""
  [ -n "${JAVA_HOME:-}" ] && finres_candidates="$JAVA_HOME"
  if command -v java >/dev/null 2>&1; then
    finres_path_java=$(command -v java)
    finres_path_java=$(readlink -f "$finres_path_java" 2>/dev/null || echo "$finres_path_java")
    finres_candidates="$finres_candidates ${finres_path_java%/bin/java}"
  fi
  for finres_root in /usr/lib/jvm /usr/java /opt/java /opt /usr/local "$HOME/.sdkman/candidates/java" "$HOME/.jdks" /Library/Java/JavaVirtualMachines; do
    [ -d "$finres_root" ] || continue
    for finres_dir in "$finres_root"/*; do
      [ -x "$finres_dir/bin/javac" ] && finres_candidates="$finres_candidates $finres_dir"
      [ -x "$finres_dir/Contents/Home/bin/javac" ] && finres_candidates="$finres_candidates $finres_dir/Contents/Home"
    done
  done
  finres_best=""; finres_best_major=0; finres_seen=""
  for finres_dir in $finres_candidates; do
    [ -x "$finres_dir/bin/java" ] && [ -x "$finres_dir/bin/javac" ] || continue
    finres_major=$(finres_java_major "$finres_dir/bin/java")
    [ -n "$finres_major" ] || continue
    finres_seen="$finres_seen $finres_dir($finres_major)"
    # JAVA_HOME wins when it is good enough; otherwise the newest suitable JDK found.
    if [ "$finres_major" -ge "$finres_min" ]; then
      if [ -n "${JAVA_HOME:-}" ] && [ "$finres_dir" = "$JAVA_HOME" ]; then finres_best="$finres_dir"; break; fi
      if [ "$finres_major" -gt "$finres_best_major" ]; then finres_best="$finres_dir"; finres_best_major=$finres_major; fi
    fi
  done
  if [ -z "$finres_best" ]; then
    echo "FinRes needs a JDK $finres_min or newer, and none was found." >&2
    echo "Looked at JAVA_HOME, java on PATH and /usr/lib/jvm, /usr/java, /opt, ~/.sdkman, ~/.jdks.${finres_seen:+ Found too old:$finres_seen}" >&2
    echo "Install one (for example: apt-get install openjdk-21-jdk, or a Temurin 21+ build) or set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME="$finres_best"; export JAVA_HOME
  return 0
}
