BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # A canary password: it must never appear in any output, error or verbose message.
    $script:canary = 'CANARY-copy-9a4e2d'
    $script:registry = Start-TestRegistry -User 'fipsuser' -Password $canary -Destination
    $script:open = "$($registry.open)/mesosphere"
    $script:dest = $registry.dest
    $script:goodCredential = [pscredential]::new('fipsuser', (ConvertTo-SecureString $canary -AsPlainText -Force))
    $script:wrongCredential = [pscredential]::new('fipsuser', (ConvertTo-SecureString 'CANARY-wrong-c0py' -AsPlainText -Force))

    function Get-Digests([string] $Registry, [pscredential] $Credential) {
        $withCredential = if ($Credential) { @{ Credential = $Credential } } else { @{} }
        $t = Test-FipsBuild 1.23.7+fips.0 -Registry $Registry @withCredential -IncludeUpstream
        $map = @{}
        foreach ($i in $t.Images) { $map[$i.Name] = $i.Digest }
        $map
    }

    function Invoke-Skopeo {
        $output = & skopeo @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "skopeo $($args -join ' ') failed: $output" }
        $output
    }
}

AfterAll {
    Stop-TestRegistry $registry
}

Describe 'Copy-FipsBuild' {
    Context 'to a destination behind htpasswd' {
        BeforeAll {
            $script:first = Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination "$dest/mirror" -DestinationCredential $goodCredential -IncludeUpstream -Verbose 4>&1 6>&1 *>&1
        }

        It 'copies every image of the build, all platforms, and the destination serves the source digests' {
            $copies = @($first | Where-Object { $_ -is [DkpFips.FipsImageCopy] })
            $copies.Count | Should -Be 7
            ($copies.Name | Sort-Object) | Should -Be @('coredns', 'etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-proxy', 'kube-scheduler', 'pause')
            $copies | ForEach-Object { $_.Status | Should -Be 'Copied'; $_.KubernetesVersion | Should -Be 'v1.23.7+fips.0' }
            $etcd = $copies | Where-Object Name -EQ etcd
            $etcd.Platforms | Should -Be @('linux/amd64', 'linux/arm64')
            $etcd.MediaType | Should -Be 'application/vnd.oci.image.index.v1+json'
            $etcd.Destination | Should -Be "$dest/mirror/etcd:v3.4.13_fips.0"
            ($copies | Measure-Object BytesCopied -Sum).Sum | Should -BeGreaterThan 0

            $source = Get-Digests $open
            $copied = Get-Digests "$dest/mirror" $goodCredential
            foreach ($name in $source.Keys) { $copied[$name] | Should -Be $source[$name] -Because "$name keeps its digest" }
            foreach ($c in $copies) { $c.Digest | Should -Be $source[$c.Name] }
            (Test-FipsBuild 1.23.7+fips.0 -Registry "$dest/mirror" -Credential $goodCredential -IncludeUpstream).IsComplete | Should -BeTrue
        }

        It 'mounts a blob another repository of the destination already has instead of uploading it again' {
            # Every scenario image has the same (empty) layer: after the first upload it is mounted.
            $copies = @($first | Where-Object { $_ -is [DkpFips.FipsImageCopy] })
            ($copies | Measure-Object BlobsMounted -Sum).Sum | Should -BeGreaterThan 0
        }

        It 'never shows the destination password' {
            ($first | Out-String) | Should -Not -Match $canary
        }

        It 'copies nothing on a second run: every image Skipped' {
            $again = Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination "$dest/mirror" -DestinationCredential $goodCredential -IncludeUpstream
            $again.Count | Should -Be 7
            $again | ForEach-Object { $_.Status | Should -Be 'Skipped'; $_.BytesCopied | Should -Be 0; $_.Digest | Should -Match '^sha256:' }
        }

        It 'gives the same digests as skopeo copy --all of the same images, and skopeo reads the copy' {
            foreach ($image in 'kube-apiserver:v1.23.7_fips.0', 'kube-scheduler:v1.23.7_fips.0', 'etcd:v3.4.13_fips.0') {
                Invoke-Skopeo copy --all --src-tls-verify=false --dest-tls-verify=false --dest-creds "fipsuser:$canary" "docker://$open/$image" "docker://$dest/skopeo/$image" | Out-Null
                $bySkopeo = Invoke-Skopeo inspect --raw --tls-verify=false --creds "fipsuser:$canary" "docker://$dest/skopeo/$image"
                $byUs = Invoke-Skopeo inspect --raw --tls-verify=false --creds "fipsuser:$canary" "docker://$dest/mirror/$image"
                ($byUs -join "`n") | Should -Be ($bySkopeo -join "`n") -Because "$image is byte for byte the same"
            }
            $etcd = Invoke-Skopeo inspect --tls-verify=false --creds "fipsuser:$canary" --override-arch arm64 "docker://$dest/mirror/etcd:v3.4.13_fips.0" | ConvertFrom-Json
            $etcd.Architecture | Should -Be 'arm64'
        }

        It 'finishes an interrupted copy: blobs already there are found by HEAD, the tag is written' {
            $one = Copy-FipsBuild 1.22.8+fips.0 -Source $open -Destination "$dest/resume" -DestinationCredential $goodCredential -ErrorAction SilentlyContinue |
                Where-Object Name -EQ 'kube-apiserver'
            # Interrupt after the blobs: remove the manifest (and so the tag) the run wrote last.
            $auth = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("fipsuser:$canary"))
            Invoke-WebRequest -Method Delete -Uri "http://$dest/v2/resume/kube-apiserver/manifests/$($one.Digest)" -Headers @{ Authorization = "Basic $auth" } | Out-Null
            (Find-FipsBuild "$dest/resume" -Credential $goodCredential).MissingComponents | Should -Contain 'kube-apiserver'

            $again = Copy-FipsBuild 1.22.8+fips.0 -Source $open -Destination "$dest/resume" -DestinationCredential $goodCredential -ErrorAction SilentlyContinue
            $api = $again | Where-Object Name -EQ 'kube-apiserver'
            $api.Status | Should -Be 'Copied'
            $api.BlobsCopied | Should -Be 0
            $api.BlobsPresent | Should -Be 2
            $api.Digest | Should -Be $one.Digest
            ($again | Where-Object Name -EQ 'kube-proxy').Status | Should -Be 'Skipped'
        }
    }

    Context 'Ctrl+C' {
        BeforeAll {
            # The same images behind a proxy that holds every source request for 2 s: an image
            # needs at least two such answers (its manifest, then its blobs side by side), so
            # a stop soon after the start lands while every image is in flight.
            $script:slow = Start-TestRegistry -LatencyMs 2000 -Destination -User 'fipsuser' -Password $canary
        }

        AfterAll {
            Stop-TestRegistry $slow
        }

        It 'stops promptly in the middle of the copies, writes no tag, and a re-run finishes the copy' {
            $ps = [powershell]::Create()
            try {
                # The module first, on its own (see HostileInput.Tests.ps1: a stopped batch must not run a next statement).
                $null = $ps.AddCommand('Import-Module').AddArgument($ModuleManifest).Invoke(); $ps.Commands.Clear()
                $null = $ps.AddCommand('Copy-FipsBuild').AddParameters(@{
                        KubernetesVersion = '1.23.7+fips.0'; Source = "$($slow.slow)/mesosphere"; Destination = "$($slow.dest)/stopped"
                        DestinationCredential = $goodCredential; ThrottleLimit = 8
                    })
                $null = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while ($ps.Streams.Progress.Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $ps.Streams.Progress.Count | Should -BeGreaterThan 0
                $watch = [Diagnostics.Stopwatch]::StartNew()
                $stop = $ps.BeginStop($null, $null)
                $stop.AsyncWaitHandle.WaitOne(10000) | Should -BeTrue
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 1.5
            }
            finally { $ps.Dispose() }

            $left = Test-FipsBuild 1.23.7+fips.0 -Registry "$($slow.dest)/stopped" -Credential $goodCredential
            $left.Images.Status | ForEach-Object { $_ | Should -Be 'Missing' }

            $again = Copy-FipsBuild 1.23.7+fips.0 -Source "$($slow.open)/mesosphere" -Destination "$($slow.dest)/stopped" -DestinationCredential $goodCredential
            $again.Status | ForEach-Object { $_ | Should -Be 'Copied' }
            (Test-FipsBuild 1.23.7+fips.0 -Registry "$($slow.dest)/stopped" -Credential $goodCredential).IsComplete | Should -BeTrue
        }
    }

    Context 'pipes' {
        It 'takes Find-FipsBuild objects: KubernetesVersion, and Registry as the source' {
            $copies = Find-FipsBuild $open -Complete | Where-Object KubernetesVersion -EQ 'v1.23.7+fips.0' |
                Copy-FipsBuild -Destination "$dest/piped" -DestinationCredential $goodCredential
            $copies.Count | Should -Be 5
            $copies | ForEach-Object { $_.Source | Should -BeLike "$open/*"; $_.Status | Should -Be 'Copied' }
        }

        It 'takes Get-FipsBuild objects (-Source for the mirror)' {
            $copies = Get-FipsBuild -DkpVersion 2.3.1 | Copy-FipsBuild -Source $open -Destination "$dest/piped" -DestinationCredential $goodCredential
            $copies | ForEach-Object { $_.Status | Should -Be 'Skipped' }
        }

        It 'takes Get-FipsBuild objects without -Source from their own repositories, never from the row''s Source (its provenance)' {
            $build = Get-FipsBuild -DkpVersion 2.3.1
            $build.Source | Should -Not -BeNullOrEmpty
            $null = $build | Copy-FipsBuild -Destination "$dest/own" -DestinationCredential $goodCredential -WhatIf -ErrorVariable err -ErrorAction SilentlyContinue
            $err | Should -BeNullOrEmpty
        }

        It 'refuses a found build that is incomplete where it was found, naming what it lacks, and copies nothing' {
            $incomplete = @(Find-FipsBuild $open | Where-Object { -not $_.IsComplete })
            $incomplete | Should -Not -BeNullOrEmpty
            $copies = $incomplete | Copy-FipsBuild -Destination "$dest/incomplete" -DestinationCredential $goodCredential -ErrorVariable err -ErrorAction SilentlyContinue
            $copies | Should -BeNullOrEmpty
            $err.Count | Should -Be $incomplete.Count
            $err[0].FullyQualifiedErrorId | Should -Be 'RegistryImageNotFound,DkpFips.Cmdlets.CopyFipsBuildCommand'
            $err[0].Exception.Message | Should -BeLike "*$($incomplete[0].MissingComponents[0])*incomplete*"
            Find-FipsBuild "$dest/incomplete" -Credential $goodCredential | Should -BeNullOrEmpty
        }

        It '-WhatIf copies nothing' {
            $copies = Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination "$dest/whatif" -DestinationCredential $goodCredential -WhatIf
            $copies | Should -BeNullOrEmpty
            Find-FipsBuild "$dest/whatif" -Credential $goodCredential | Should -BeNullOrEmpty
        }
    }

    Context 'errors' {
        It 'names the missing source image and goes on with the others' {
            $copies = Copy-FipsBuild 1.22.8+fips.0 -Source $open -Destination "$dest/partial" -DestinationCredential $goodCredential -ErrorVariable err -ErrorAction SilentlyContinue
            $failed = $copies | Where-Object Status -EQ 'Failed'
            $failed.Name | Should -Be 'kube-scheduler'
            ($copies | Where-Object Status -EQ 'Copied').Count | Should -Be 4
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryImageNotFound,*'
            $err[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $err[0].Exception.Message | Should -Match 'has no image mesosphere/kube-scheduler:v1\.22\.8_fips\.0'
            (Find-FipsBuild "$dest/partial" -Credential $goodCredential).MissingComponents | Should -Be @('kube-scheduler')
        }

        It 'refuses a wrong destination credential with RegistryUnauthorized, naming no secret' {
            $copies = Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination "$dest/denied" -DestinationCredential $wrongCredential -ErrorVariable err -ErrorAction SilentlyContinue
            $copies | ForEach-Object { $_.Status | Should -Be 'Failed' }
            $err | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*' }
            $err[0].Exception.Message | Should -Match 'refused the given credential'
            ($err + $copies | Out-String) | Should -Not -Match 'CANARY-wrong'
        }

        It 'asks for -DestinationCredential when the destination needs one' {
            Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination "$dest/anonymous" -ErrorVariable err -ErrorAction SilentlyContinue | Out-Null
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryUnauthorized,*'
            $err[0].Exception.Message | Should -Match 'pass -DestinationCredential'
        }

        It 'reports a destination that refuses writes as RegistryWriteRefused' {
            $copies = Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination "$($registry.readonly)/mirror" -ErrorVariable err -ErrorAction SilentlyContinue
            $copies | ForEach-Object { $_.Status | Should -Be 'Failed' }
            $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryWriteRefused,*'
            $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        }

        It 'stops on a malformed or insecure destination before anything is sent' {
            # Terminating: they throw without -ErrorAction Stop, one error each.
            { Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination 'bad host/x' } | Should -Throw -ErrorId 'InvalidRegistry*'
            { Copy-FipsBuild 1.23.7+fips.0 -Source $open -Destination 'http://mirror.example.internal/x' } | Should -Throw -ErrorId 'InsecureRegistry*'
            { Publish-FipsBuild ./nothing.tar -Registry 'http://mirror.example.internal/x' } | Should -Throw -ErrorId 'InsecureRegistry*'
        }
    }
}
