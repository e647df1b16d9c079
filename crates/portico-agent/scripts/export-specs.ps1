# Exports this PC's specifications as portico-agent reads them with --specs-export:
#   powershell -ExecutionPolicy Bypass -File export-specs.ps1 > specs.json
# Run it as an administrator: the TPM's and BitLocker's classes need it (without, they are
# left out). It reads; it changes nothing.
$tpm = 'root\cimv2\Security\MicrosoftTpm'
$bitlocker = 'root\cimv2\Security\MicrosoftVolumeEncryption'
@{
    Win32_Processor = @(Get-CimInstance Win32_Processor |
        Select-Object Name, NumberOfCores, NumberOfLogicalProcessors)
    Win32_ComputerSystem = Get-CimInstance Win32_ComputerSystem |
        Select-Object Manufacturer, Model, SystemType, TotalPhysicalMemory
    Win32_OperatingSystem = Get-CimInstance Win32_OperatingSystem | Select-Object OSArchitecture
    Win32_PhysicalMemory = @(Get-CimInstance Win32_PhysicalMemory | Select-Object Capacity)
    Win32_SystemEnclosure = Get-CimInstance Win32_SystemEnclosure | Select-Object ChassisTypes
    Win32_LogicalDisk = @(Get-CimInstance Win32_LogicalDisk -Filter 'DriveType = 3' |
        Select-Object DeviceID, DriveType, FileSystem, Size, FreeSpace)
    Win32_Tpm = Get-CimInstance -Namespace $tpm Win32_Tpm -ErrorAction SilentlyContinue |
        Select-Object IsEnabled_InitialValue, SpecVersion
    SecureBoot = Get-ItemProperty 'HKLM:\SYSTEM\CurrentControlSet\Control\SecureBoot\State' -ErrorAction SilentlyContinue |
        Select-Object UEFISecureBootEnabled
    Win32_EncryptableVolume = @(Get-CimInstance -Namespace $bitlocker Win32_EncryptableVolume -ErrorAction SilentlyContinue |
        Select-Object DriveLetter, ProtectionStatus, ConversionStatus, EncryptionMethod)
} | ConvertTo-Json -Depth 4
