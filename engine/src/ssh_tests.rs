//! Unit tests of `ssh.rs`: addresses, the command line, and the forward's process with ssh or a stand-in.

use super::*;

#[test]
fn addresses_are_read_with_user_port_and_remote_socket() {
    let d = Destination::parse("ssh://me@lab.example:2222").unwrap();
    assert_eq!(
        d,
        Destination {
            user: Some("me".into()),
            host: "lab.example".into(),
            port: Some(2222),
            socket: REMOTE_SOCKET.into()
        }
    );
    let d = Destination::parse("ssh://lab").unwrap();
    assert_eq!((d.login(), d.user, d.port), ("lab".to_string(), None, None));
    let d = Destination::parse("ssh://root@[fd00::5]:22/run/podman/podman.sock").unwrap();
    assert_eq!((d.host.as_str(), d.port, d.socket.as_str()), ("fd00::5", Some(22), "/run/podman/podman.sock"));
}

#[test]
fn addresses_that_ssh_would_misread_are_refused_with_a_reason() {
    for (bad, says) in [
        ("tcp://lab:2375", "ssh://"),
        ("ssh://", "no host"),
        ("ssh://me@", "no host"),
        ("ssh://-oProxyCommand=touch%20x", "not a host"),
        ("ssh://-x@lab", "not a user"),
        ("ssh://me@lab:0", "port"),
        ("ssh://me@lab:99999", "port"),
        ("ssh://me@lab:ssh", "port"),
        ("ssh://me@[::1", "closing"),
        ("ssh://me@lab/run/my docker.sock", "spaces"),
    ] {
        let err = Destination::parse(bad).unwrap_err();
        assert!(err.contains(says), "{bad}: {err}");
    }
}

#[test]
fn the_forward_never_prompts_exits_on_failure_and_ends_options_before_the_host() {
    let d = Destination::parse("ssh://me@lab:2222").unwrap();
    let args = d.forward_args(Path::new("/run/user/0/netlens-ssh-1-0/docker.sock"));
    assert_eq!(
        args.join(" "),
        "-nNT -o ExitOnForwardFailure=yes -o BatchMode=yes -o ConnectTimeout=10 -o ServerAliveInterval=10 \
         -o ServerAliveCountMax=3 -o StreamLocalBindUnlink=yes \
         -L /run/user/0/netlens-ssh-1-0/docker.sock:/var/run/docker.sock -p 2222 -- me@lab"
    );
}

#[tokio::test]
async fn a_failing_ssh_is_reported_in_its_own_words_with_what_to_do() {
    let dest = Destination::parse("ssh://me@lab").unwrap();
    let err = Forward::open_with(&dest, "false").await.unwrap_err();
    assert!(err.contains("ssh to me@lab failed"), "{err}");
    assert!(err.contains("BatchMode"), "{err}");
    let err = Forward::open_with(&dest, "/nonexistent/ssh").await.unwrap_err();
    assert!(err.contains("OpenSSH client"), "{err}");
}

#[tokio::test]
async fn the_real_ssh_refused_by_a_closed_port_fails_fast_and_leaves_no_folder() {
    if Command::new("ssh").arg("-V").output().is_err() {
        eprintln!("SKIPPED: no ssh client");
        return;
    }
    // Port 1 on the loopback: nothing listens, so ssh fails at once without any prompt.
    let dest = Destination::parse("ssh://nobody@127.0.0.1:1").unwrap();
    let began = Instant::now();
    let err = Forward::open(&dest).await.unwrap_err();
    assert!(err.contains("Connection refused") || err.contains("connect to host"), "{err}");
    assert!(began.elapsed() < Duration::from_secs(10), "took {:?}", began.elapsed());
}

#[tokio::test]
async fn closing_a_forward_ends_its_process_and_removes_its_socket_folder() {
    // A stand-in for ssh that makes the socket path's file and then waits, as a forward does.
    let dir = crate::testing::scratch("netlens-fake-ssh").unwrap();
    let script = dir.join("ssh");
    // The local socket is the word after -L, up to the last colon.
    std::fs::write(
        &script,
        "#!/bin/sh\nwhile [ \"$1\" != -L ]; do shift; done\nsock=\"${2%:*}\"\n: > \"$sock\"\nexec sleep 60\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dest = Destination::parse("ssh://me@lab").unwrap();
    let forward = Forward::open_with(&dest, script.to_str().unwrap()).await.unwrap();
    let pid = forward.pid().unwrap();
    let watchdog = forward.watchdog_pid().unwrap();
    let folder = forward.socket().parent().unwrap().to_path_buf();
    use std::os::unix::fs::MetadataExt;
    assert_eq!(std::fs::metadata(&folder).unwrap().mode() & 0o777, 0o700, "only this user may use the socket");
    drop(forward);
    assert!(!folder.exists(), "the socket folder is removed");
    assert!(!Path::new(&format!("/proc/{pid}")).exists(), "the ssh process is ended and reaped");
    assert!(!Path::new(&format!("/proc/{watchdog}")).exists(), "and so is its watchdog");
}

#[test]
fn what_ssh_says_is_kept_line_by_line_without_blanks_and_within_a_bound() {
    let said = Mutex::new(String::new());
    collect(std::io::Cursor::new("channel 1: open failed: connect failed: open failed\n\n  spaced  \n"), &said);
    assert_eq!(said.lock().unwrap().as_str(), "channel 1: open failed: connect failed: open failed\nspaced\n");
    let chatty = "debug1: a line that repeats\n".repeat(1000);
    let said = Mutex::new(String::new());
    collect(std::io::Cursor::new(chatty), &said);
    assert!(said.lock().unwrap().len() <= SAID_LIMIT);
}
