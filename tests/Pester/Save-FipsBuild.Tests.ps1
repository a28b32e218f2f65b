BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'RegistryHelpers.ps1')
    Import-Module $ModuleManifest -Force

    # A canary password: it must never appear in any output, error or verbose message.
    $script:canary = 'CANARY-save-71b3aa'
    $script:registry = Start-TestRegistry -User 'fipsuser' -Password $canary -Destination
    $script:open = "$($registry.open)/mesosphere"
    $script:dest = $registry.dest
    $script:credential = [pscredential]::new('fipsuser', (ConvertTo-SecureString $canary -AsPlainText -Force))

    function Invoke-Skopeo {
        $output = & skopeo @args 2>&1
        if ($LASTEXITCODE -ne 0) { throw "skopeo $($args -join ' ') failed: $output" }
        $output
    }

    function Get-Sha256([string] $Text) {
        'sha256:' + ([Convert]::ToHexString([Security.Cryptography.SHA256]::HashData([Text.Encoding]::UTF8.GetBytes($Text)))).ToLowerInvariant()
    }

    $script:archive = Join-Path $TestDrive 'fips-1.23.tar'
    $script:saved = Save-FipsBuild 1.23.7+fips.0 -Source $open -Path $archive -IncludeUpstream
    $script:sourceDigests = @{}
    foreach ($i in (Test-FipsBuild 1.23.7+fips.0 -Registry $open -IncludeUpstream).Images) { $sourceDigests[$i.Name] = $i.Digest }
}

AfterAll {
    Stop-TestRegistry $registry
}

Describe 'Save-FipsBuild' {
    It 'writes one OCI image-layout archive of every image, annotated with the build references' {
        $saved | Should -BeOfType ([DkpFips.FipsBuildArchive])
        $saved.Path | Should -Be $archive
        $saved.Length | Should -Be (Get-Item $archive).Length
        $saved.KubernetesVersion | Should -Be @('v1.23.7+fips.0')
        $saved.Images | Should -Contain 'docker.io/mesosphere/kube-apiserver:v1.23.7_fips.0'
        $saved.Images | Should -Contain 'docker.io/mesosphere/etcd:v3.4.13_fips.0'
        $saved.Images.Count | Should -Be 7

        $entries = & tar -tf $archive
        $entries | Should -Contain 'oci-layout'
        $entries | Should -Contain 'index.json'
        $index = (& tar -xOf $archive index.json) -join "`n" | ConvertFrom-Json
        $index.manifests.Count | Should -Be 7
        $refs = $index.manifests | ForEach-Object { $_.annotations.'org.opencontainers.image.ref.name' }
        ($refs | Sort-Object) | Should -Be ($saved.Images | Sort-Object)
        foreach ($m in $index.manifests) {
            $name = ($m.annotations.'org.opencontainers.image.ref.name' -split '/')[-1].Split(':')[0]
            $m.digest | Should -Be $sourceDigests[$name] -Because "$name keeps the source digest"
            $entries | Should -Contain ('blobs/sha256/' + $m.digest.Substring(7))
        }
    }

    It 'is readable by skopeo (oci-archive:), every platform of an index included, digests kept' {
        $raw = (Invoke-Skopeo inspect --raw "oci-archive:${archive}:docker.io/mesosphere/etcd:v3.4.13_fips.0") -join "`n"
        Get-Sha256 $raw | Should -Be $sourceDigests['etcd']
        ($raw | ConvertFrom-Json).manifests.platform.architecture | Should -Be @('amd64', 'arm64')
        $arm = Invoke-Skopeo inspect --override-arch arm64 "oci-archive:${archive}:docker.io/mesosphere/etcd:v3.4.13_fips.0" | ConvertFrom-Json
        $arm.Architecture | Should -Be 'arm64'
        Invoke-Skopeo copy --all --dest-tls-verify=false --dest-creds "fipsuser:$canary" "oci-archive:${archive}:docker.io/mesosphere/kube-scheduler:v1.23.7_fips.0" "docker://$dest/skopeo/kube-scheduler:v1.23.7_fips.0" | Out-Null
        $copied = (Invoke-Skopeo inspect --raw --tls-verify=false --creds "fipsuser:$canary" "docker://$dest/skopeo/kube-scheduler:v1.23.7_fips.0") -join "`n"
        Get-Sha256 $copied | Should -Be $sourceDigests['kube-scheduler']
    }

    It 'names a missing source image and writes no archive' {
        $path = Join-Path $TestDrive 'missing.tar'
        Save-FipsBuild 1.22.8+fips.0 -Source $open -Path $path -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryImageNotFound,*'
        $err[0].Exception.Message | Should -Match 'kube-scheduler:v1\.22\.8_fips\.0'
        Test-Path $path | Should -BeFalse
        @(Get-ChildItem $TestDrive -Filter 'missing.tar*').Count | Should -Be 0
    }

    It 'refuses to replace an existing file without -Force, and replaces it with -Force' {
        $path = Join-Path $TestDrive 'exists.tar'
        Set-Content $path 'keep'
        { Save-FipsBuild 1.23.7+fips.0 -Source $open -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ImageArchiveExists*'
        Get-Content $path | Should -Be 'keep'
        (Save-FipsBuild 1.23.7+fips.0 -Source $open -Path $path -Force).Images.Count | Should -Be 5
    }

    It '-WhatIf writes nothing' {
        $path = Join-Path $TestDrive 'whatif.tar'
        Save-FipsBuild 1.23.7+fips.0 -Source $open -Path $path -WhatIf | Should -BeNullOrEmpty
        Test-Path $path | Should -BeFalse
    }
}

Describe 'Publish-FipsBuild' {
    It 'binds Save-FipsBuild''s archive by value and files by PSPath, never another object''s Path' {
        (Get-Command Publish-FipsBuild).Parameters['Path'].Attributes.ValueFromPipelineByPropertyName | Should -Not -Contain $true
        $report = [pscustomobject]@{ Path = $saved.Path }
        $null = $report | Publish-FipsBuild -Registry "$dest/not-published" -Credential $credential -ErrorVariable err -ErrorAction SilentlyContinue
        # PowerShell refuses the object (which of its two binding errors depends on the sets): nothing is published.
        $err[0].FullyQualifiedErrorId.Split(',')[0] | Should -BeIn @('InputObjectNotBound', 'AmbiguousParameterSet')
        Find-FipsBuild "$dest/not-published" -Credential $credential | Should -BeNullOrEmpty
        $null = Get-Item -LiteralPath $saved.Path | Publish-FipsBuild -Registry "$dest/by-file" -Credential $credential -WhatIf -ErrorVariable err2
        $err2 | Should -BeNullOrEmpty
    }

    It 'pushes the archive from Save-FipsBuild, digests kept; a second run is Skipped' {
        $published = $saved | Publish-FipsBuild -Registry "$dest/published" -Credential $credential -Verbose 4>&1
        $copies = @($published | Where-Object { $_ -is [DkpFips.FipsImageCopy] })
        $copies.Count | Should -Be 7
        foreach ($c in $copies) {
            $c.Status | Should -Be 'Copied'
            $c.Digest | Should -Be $sourceDigests[$c.Name]
            $c.Source | Should -BeLike 'docker.io/mesosphere/*'
            $c.Destination | Should -Be "$dest/published/$($c.Name):$($c.Tag)"
        }
        ($published | Out-String) | Should -Not -Match $canary
        $check = Test-FipsBuild 1.23.7+fips.0 -Registry "$dest/published" -Credential $credential -IncludeUpstream
        $check.IsComplete | Should -BeTrue
        foreach ($i in $check.Images) { $i.Digest | Should -Be $sourceDigests[$i.Name] }

        $again = Publish-FipsBuild $archive -Registry "$dest/published" -Credential $credential
        $again | ForEach-Object { $_.Status | Should -Be 'Skipped'; $_.BytesCopied | Should -Be 0 }
    }

    It 'refuses a truncated archive and writes no tag' {
        $bytes = [IO.File]::ReadAllBytes($archive)
        $cut = Join-Path $TestDrive 'cut.tar'
        [IO.File]::WriteAllBytes($cut, $bytes[0..($bytes.Length / 2)])
        Publish-FipsBuild $cut -Registry "$dest/cut" -Credential $credential -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageArchiveInvalid,*'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidData'
        Find-FipsBuild "$dest/cut" -Credential $credential | Should -BeNullOrEmpty
    }

    It 'refuses an archive cut inside a blob (index.json first, as other tools may write it) and writes no tag' {
        $work = Join-Path $TestDrive 'cut-inside'
        $null = New-Item -ItemType Directory $work
        & tar -xf $archive -C $work
        $reordered = Join-Path $TestDrive 'reordered.tar'
        # GNU tar, 512-byte records: the file ends with the last blob's data block and two zero blocks.
        & tar -b 1 -cf $reordered -C $work oci-layout index.json blobs
        $bytes = [IO.File]::ReadAllBytes($reordered)
        $cut = Join-Path $TestDrive 'cut-inside.tar'
        [IO.File]::WriteAllBytes($cut, $bytes[0..($bytes.Length - 1024 - 256 - 1)])
        Publish-FipsBuild $cut -Registry "$dest/cut-inside" -Credential $credential -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageArchiveInvalid,*'
        $err[0].Exception.Message | Should -Match 'is cut short'
        Find-FipsBuild "$dest/cut-inside" -Credential $credential | Should -BeNullOrEmpty
    }

    It 'refuses an archive whose blob does not match its digest and writes no tag' {
        $work = Join-Path $TestDrive 'tampered'
        $null = New-Item -ItemType Directory $work
        & tar -xf $archive -C $work
        $index = Get-Content -Raw (Join-Path $work 'index.json') | ConvertFrom-Json
        $apiserver = $index.manifests | Where-Object { $_.annotations.'org.opencontainers.image.ref.name' -like '*/kube-apiserver:*' }
        $manifest = Get-Content -Raw (Join-Path $work ('blobs/sha256/' + $apiserver.digest.Substring(7))) | ConvertFrom-Json
        $layer = Join-Path $work ('blobs/sha256/' + $manifest.layers[0].digest.Substring(7))
        $bytes = [IO.File]::ReadAllBytes($layer)
        $bytes[$bytes.Length - 1] = $bytes[$bytes.Length - 1] -bxor 0xff
        [IO.File]::WriteAllBytes($layer, $bytes)
        $tampered = Join-Path $TestDrive 'tampered.tar'
        & tar -cf $tampered -C $work .

        Publish-FipsBuild $tampered -Registry "$dest/tampered" -Credential $credential -ErrorVariable err -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryDigestMismatch,*'
        $err[0].Exception.Message | Should -Match ([regex]::Escape($manifest.layers[0].digest))
        Find-FipsBuild "$dest/tampered" -Credential $credential | Should -BeNullOrEmpty
    }

    It 'reports a registry that refuses writes as RegistryWriteRefused' {
        $copies = Publish-FipsBuild $archive -Registry "$($registry.readonly)/mirror" -ErrorVariable err -ErrorAction SilentlyContinue
        $copies | ForEach-Object { $_.Status | Should -Be 'Failed' }
        $err[0].FullyQualifiedErrorId | Should -BeLike 'RegistryWriteRefused,*'
    }

    It 'reports a missing archive as ImageArchiveNotFound' {
        Publish-FipsBuild (Join-Path $TestDrive 'nothing.tar') -Registry "$dest/x" -Credential $credential -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'ImageArchiveNotFound,*'
    }

    It '-WhatIf pushes nothing' {
        Publish-FipsBuild $archive -Registry "$dest/whatif" -Credential $credential -WhatIf | Should -BeNullOrEmpty
        Find-FipsBuild "$dest/whatif" -Credential $credential | Should -BeNullOrEmpty
    }
}
