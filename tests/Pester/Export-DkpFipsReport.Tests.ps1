BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')
    . (Join-Path $PSScriptRoot 'KubeApiHelpers.ps1')
    Import-Module $ModuleManifest -Force

    $script:Ec2 = Start-FakeEc2
    $script:Aws = @{ EndpointUrl = $Ec2.Url; AwsCredential = (New-TestAwsCredential 'AKIDEXAMPLE000000001' 'CANARY-SECRET-77c0ffee') }
    $script:FipsAmi = 'ami-0f1a2b3c4d5e60001'
    $script:NonFipsAmi = 'ami-0f1a2b3c4d5e60003'
    $script:Amis = Test-FipsAmi -ImageId $FipsAmi, $NonFipsAmi -Region us-east-1 -KubernetesVersion 1.23.7+fips.0 @Aws
    $script:Mixed = Start-KubeApiDouble -Scenario mixed
    $script:Cluster = Test-DkpFipsCluster -Kubeconfig $Mixed.Kubeconfig
    $script:Fake = Join-Path $RepoRoot 'out/bin/FakeDkp/Release/net10.0/FakeDkp'
    if ($IsWindows) { $script:Fake += '.exe' }
    $script:Created = New-DkpFipsCluster -ClusterName dry-1 -KubernetesVersion 1.23 -AmiId $FipsAmi -DkpPath $Fake -DryRun -LogDirectory (Join-Path $TestDrive 'logs')
    $script:Schema = Join-Path $RepoRoot 'tests/DkpFips.Core.Tests/Evidence/junit.xsd'

    function Read-ValidJUnit([string] $Path) {
        # Validates against the JUnit schema CI tools read; a violation throws.
        $settings = [System.Xml.XmlReaderSettings]::new()
        $settings.ValidationType = 'Schema'
        $null = $settings.Schemas.Add($null, $Schema)
        $settings.add_ValidationEventHandler({ param($s, $e) throw "JUnit schema: $($e.Message)" })
        $reader = [System.Xml.XmlReader]::Create($Path, $settings)
        try { $doc = [System.Xml.XmlDocument]::new(); $doc.Load($reader); $doc } finally { $reader.Dispose() }
    }

    function Invoke-HeadlessChromium([string[]] $Arguments) {
        # Debian's Chromium, started as the tool library's probe does: headless, with a fresh
        # profile and without the background calls a closed network refuses.
        $chromium = Get-Command chromium -CommandType Application -ErrorAction Stop | Select-Object -First 1
        $flags = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync', "--user-data-dir=$(Join-Path $TestDrive ([guid]::NewGuid().ToString('N')))")
        (& $chromium.Source @flags @Arguments 2>$null) -join "`n"
    }

    function New-ReportPath([string] $Extension) { Join-Path $TestDrive ("report-$([guid]::NewGuid().ToString('N'))" + $Extension) }
}

AfterAll {
    Stop-FakeEc2 $Ec2
    Stop-KubeApiDoubles
    Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue
}

Describe 'Export-DkpFipsReport' {
    Context 'JUnit' {
        It 'writes one suite per target and one case per check, valid against the JUnit schema' {
            $path = New-ReportPath '.xml'
            $file = @($Amis) + $Cluster + $Created | Export-DkpFipsReport $path -PassThru
            $doc = Read-ValidJUnit $path
            $suites = @($doc.testsuites.testsuite)
            $suites.Count | Should -Be 4
            $suites[0].name | Should -Be "AMI $FipsAmi (us-east-1)"
            $suites[2].name | Should -Be "Cluster $($Cluster.ClusterName)"
            $suites[3].name | Should -Be 'ClusterCreate dry-1'
            @($suites[2].testcase).Count | Should -Be $Cluster.Checks.Count
            [int]$suites[2].failures | Should -Be @($Cluster.Checks | Where-Object Status -EQ 'Failed').Count
            [int]$suites[1].failures | Should -Be 2
            $failed = @($suites[1].testcase | Where-Object { $_.failure })
            $failed.name | Should -Be @('FipsBuild', 'ExpectedBuild')
            $failed[1].failure.message | Should -Match 'expects v1\.23\.7\+fips\.0'
            ($suites[0].properties.property | Where-Object name -EQ 'input.ExpectedKubernetesVersion').value | Should -Be 'v1.23.7+fips.0'
            $file.TargetCount | Should -Be 4
            $file.CompliantCount | Should -Be 2
            $file.FailedCheckCount | Should -Be ([int]$doc.testsuites.failures + [int]$doc.testsuites.errors)
            $file.Path | Should -Be $path
        }

        It 'turns the dry-run checks of New-DkpFipsCluster into test cases' {
            $path = New-ReportPath '.xml'
            $Created | Export-DkpFipsReport $path
            $cases = @((Read-ValidJUnit $path).testsuites.testsuite.testcase)
            $cases[0].name | Should -Be 'Create'
            $cases.Count | Should -Be (1 + $Created.Checks.Count)
            @($cases | Where-Object { $_.name -like 'KubeadmControlPlane spec.*' }).Count | Should -BeGreaterThan 0
        }
    }

    Context 'Markdown' {
        It 'writes the verdict table and the failed checks' {
            $path = New-ReportPath '.md'
            $Amis | Export-DkpFipsReport $path -Title 'AMI gate'
            $text = Get-Content -Raw $path
            $text | Should -Match '^# AMI gate'
            $text | Should -Match "\| ✅ Compliant \| AMI \| $FipsAmi \(us-east-1\) \| 8 passed \|"
            $text | Should -Match "\| ❌ Not compliant \| AMI \| $NonFipsAmi \(us-east-1\) \| 2 failed, 6 passed \|"
            $text | Should -Match '\| Failed \| ExpectedBuild \|'
        }

        It 'attaches itself to the run summary with -UploadSummary on an agent, and only there' {
            $path = New-ReportPath '.md'
            $off = $Amis | Export-DkpFipsReport $path -UploadSummary 6>&1
            $off | Should -BeNullOrEmpty
            $env:TF_BUILD = 'True'
            try { $on = $Amis | Export-DkpFipsReport $path -UploadSummary 6>&1 } finally { Remove-Item env:TF_BUILD }
            "$on" | Should -Be "##vso[task.uploadsummary]$path"
        }
    }

    Context 'HTML' {
        It 'renders in headless Chromium: verdicts, matrix and checks, no scripts; the run keeps a screenshot' {
            $path = Join-Path $RepoRoot 'out/test-results/fips-report.html'
            $null = New-Item -ItemType Directory -Force (Split-Path $path)
            @($Amis) + $Cluster + $Created | Export-DkpFipsReport $path -Title 'DkpFips evidence (test run)'
            $png = Join-Path $RepoRoot 'out/test-results/fips-report.png'
            Remove-Item $png -ErrorAction SilentlyContinue
            $uri = [Uri]::new($path).AbsoluteUri
            $null = Invoke-HeadlessChromium '--window-size=1280,2000', "--screenshot=$png", $uri
            $dom = Invoke-HeadlessChromium '--dump-dom', $uri

            Test-Path $png | Should -BeTrue
            $bytes = [IO.File]::ReadAllBytes($png)
            [BitConverter]::ToString($bytes, 0, 8) | Should -Be '89-50-4E-47-0D-0A-1A-0A'
            $width = ([int]$bytes[16] -shl 24) -bor ([int]$bytes[17] -shl 16) -bor ([int]$bytes[18] -shl 8) -bor $bytes[19]
            $width | Should -Be 1280
            $bytes.Length | Should -BeGreaterThan 20000   # a blank page compresses to a few kB

            $dom | Should -Match '<p class="overall bad" id="overall">2 of 4 targets compliant</p>'
            $dom | Should -Match '<section id="matrix">'
            ([regex]::Matches($dom, '<article id="target-')).Count | Should -Be 4
            $dom | Should -Not -Match '<script'
        }

        It 'keeps hostile text from a saved result as text (XSS)' {
            $attack = '<script>document.title="pwned"</script><img src=x onerror=alert(1)>'
            $evil = [pscustomobject]@{
                ImageId = 'ami-0123456789abcdef0'; Region = 'us-east-1'; Name = $attack; CheckedAt = [datetime]::UtcNow
                Checks = @([pscustomobject]@{ Name = 'OperatingSystem'; Status = 'Failed'; Message = $attack; Target = '' })
            }
            $evil.PSObject.TypeNames.Insert(0, 'Deserialized.DkpFips.FipsAmiReport')
            $path = New-ReportPath '.html'
            $evil | Export-DkpFipsReport $path -Title $attack
            $html = Get-Content -Raw $path
            $html | Should -Not -Match '<script'
            $html | Should -Not -Match '<img'
            $html | Should -Match ([regex]::Escape('&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;'))
            $dom = Invoke-HeadlessChromium '--dump-dom', ([Uri]::new($path).AbsoluteUri)
            $dom | Should -Match '<title>&lt;script&gt;'
            $dom | Should -Not -Match 'pwned</title>'
        }
    }

    Context 'saved results' {
        It 'reports results brought back by Import-Clixml exactly like live ones' {
            $saved = Join-Path $TestDrive 'results.clixml'
            @($Amis) + $Cluster | Export-Clixml $saved -Depth 5
            $live = New-ReportPath '.md'; $restored = New-ReportPath '.md'
            @($Amis) + $Cluster | Export-DkpFipsReport $live
            Import-Clixml $saved | Export-DkpFipsReport $restored
            $strip = { param($p) (Get-Content $p) -notmatch '^\*\*\d+ of \d+ targets compliant\.\*\* Generated' }
            & $strip $restored | Should -Be (& $strip $live)
        }

        It 'refuses a saved result whose checks were flattened to text' {
            $shallow = Join-Path $TestDrive 'shallow.clixml'
            $Cluster | Export-Clixml $shallow -Depth 1
            $path = New-ReportPath '.md'
            { Import-Clixml $shallow | Export-DkpFipsReport $path -ErrorAction Stop } | Should -Throw -ErrorId 'ReportInputIncomplete,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
            Test-Path $path | Should -BeFalse
        }
    }

    Context 'bad input changes nothing' {
        It 'refuses a path whose extension names no format' {
            $path = New-ReportPath '.txt'
            { $Amis | Export-DkpFipsReport $path } | Should -Throw -ErrorId 'ReportFormatUnknown,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
            Test-Path $path | Should -BeFalse
            $Amis | Export-DkpFipsReport $path -Format Html
            (Get-Content -Raw $path) | Should -Match '^<!DOCTYPE html>'
        }

        It 'refuses -UploadSummary with a format other than Markdown' {
            { $Amis | Export-DkpFipsReport (New-ReportPath '.html') -UploadSummary } | Should -Throw -ErrorId 'ReportFormatUnknown,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
        }

        It 'refuses a folder that does not exist' {
            { $Amis | Export-DkpFipsReport (Join-Path $TestDrive 'no/such/dir/r.xml') } | Should -Throw -ErrorId 'ReportDirectoryNotFound,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
        }

        It 'leaves an existing file alone with -NoClobber' {
            $path = New-ReportPath '.md'
            Set-Content $path 'keep me'
            { $Amis | Export-DkpFipsReport $path -NoClobber } | Should -Throw -ErrorId 'ReportFileExists,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
            Get-Content $path | Should -Be 'keep me'
        }

        It 'writes an error per unsupported object and reports the rest' {
            $path = New-ReportPath '.xml'
            'not a result', $true, $Amis[0] | Export-DkpFipsReport $path -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs.Count | Should -Be 2
            $errs[0].FullyQualifiedErrorId | Should -Be 'UnsupportedReportInput,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].Exception.Message | Should -Match 'cannot report a System\.String'
            @((Read-ValidJUnit $path).testsuites.testsuite).Count | Should -Be 1
        }

        It 'writes nothing when no result arrives' {
            $path = New-ReportPath '.xml'
            { @() | Export-DkpFipsReport $path; 'x' | Export-DkpFipsReport $path -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'NoReportInput,DkpFips.Cmdlets.ExportDkpFipsReportCommand'
            Test-Path $path | Should -BeFalse
        }

        It 'writes nothing with -WhatIf' {
            $path = New-ReportPath '.html'
            $Amis | Export-DkpFipsReport $path -WhatIf
            Test-Path $path | Should -BeFalse
        }

        It 'replaces an existing report in one step and leaves no temporary file' {
            $path = New-ReportPath '.md'
            Set-Content $path 'old report'
            $Amis | Export-DkpFipsReport $path
            (Get-Content -Raw $path) | Should -Match '^# DkpFips FIPS compliance report'
            @(Get-ChildItem (Split-Path $path) -Filter '*.tmp-*').Count | Should -Be 0
        }
    }

    Context 'evidence hygiene' {
        It 'names the catalog files in force with their SHA-256' {
            $catalog = New-CatalogFile @'
schemaVersion: 1
builds:
- product: DKP
  dkpVersion: '2.9'
  kubernetesVersion: v1.27.13+fips.0
  etcdVersion: 3.5.10+fips.0
  operatingSystems: [RHEL 8.8]
  providers: [aws]
  basis: Inferred
  source: test
'@
            $path = New-ReportPath '.html'
            $Amis | Export-DkpFipsReport $path -CatalogPath $catalog
            $hash = (Get-FileHash $catalog -Algorithm SHA256).Hash.ToLowerInvariant()
            (Get-Content -Raw $path) | Should -Match ([regex]::Escape("$catalog (sha256 $hash)"))
        }

        It 'never writes the secret key into a report' {
            foreach ($ext in '.xml', '.md', '.html') {
                $path = New-ReportPath $ext
                $Amis | Export-DkpFipsReport $path
                (Get-Content -Raw $path) | Should -Not -Match 'CANARY-SECRET'
            }
        }
    }
}

Describe 'Failed checks on an Azure Pipelines agent' {
    AfterEach { Remove-Item env:TF_BUILD -ErrorAction SilentlyContinue }

    It 'Test-FipsAmi writes each failed check as a logissue error, and nothing off the agent' {
        $off = Test-FipsAmi -ImageId $NonFipsAmi -Region us-east-1 -KubernetesVersion 1.23.7+fips.0 @Aws 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] }
        $off | Should -BeNullOrEmpty
        $env:TF_BUILD = 'True'
        $lines = @(Test-FipsAmi -ImageId $NonFipsAmi -Region us-east-1 -KubernetesVersion 1.23.7+fips.0 @Aws 6>&1 | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" })
        $lines.Count | Should -Be 2
        $lines[0] | Should -BeLike "##vso``[task.logissue type=error;code=FipsBuild;``]AMI $NonFipsAmi (us-east-1): FipsBuild: *"
        $lines[1] | Should -BeLike '##vso`[task.logissue type=error;code=ExpectedBuild;`]*'
    }

    It 'also with -Quiet, which returns only the verdict' {
        $env:TF_BUILD = 'True'
        $all = @(Test-FipsAmi -ImageId $NonFipsAmi -Region us-east-1 @Aws -Quiet 6>&1)
        @($all | Where-Object { $_ -is [bool] }) | Should -Be @($false)
        @($all | Where-Object { "$_" -like '##vso*logissue*' }).Count | Should -Be 1
    }

    It 'Test-DkpFipsCluster writes one line per failed check, escaped per the agent rules' {
        $env:TF_BUILD = 'True'
        $out = @(Test-DkpFipsCluster -Kubeconfig $Mixed.Kubeconfig 6>&1)
        $report = $out | Where-Object { $_ -is [DkpFips.FipsClusterReport] }
        $lines = @($out | Where-Object { $_ -is [System.Management.Automation.InformationRecord] } | ForEach-Object { "$_" } | Where-Object { $_ -like '##vso`[task.logissue type=error*' })
        $lines.Count | Should -Be @($report.Checks | Where-Object Status -EQ 'Failed').Count
        foreach ($line in $lines) {
            $message = $line.Substring($line.IndexOf(']') + 1)
            $message | Should -Not -Match '[;\]\r\n]'
        }
    }
}
