use super::*;
use crate::licensing::LicensingProduct;

struct Failing;
impl FirmwareSource for Failing {
    fn msdm(&self) -> anyhow::Result<Option<Vec<u8>>> {
        anyhow::bail!("the firmware table needs root")
    }
}
struct Oa3x(&'static str);
impl LicensingSource for Oa3x {
    fn products(&self) -> anyhow::Result<Vec<LicensingProduct>> {
        Ok(vec![LicensingProduct {
            license_status: Some(1),
            partial_product_key: Some("CF8V6".to_owned()),
            product_key_channel: Some("OEM:DM".to_owned()),
            ..LicensingProduct::default()
        }])
    }
    fn firmware_key(&self) -> anyhow::Result<Option<String>> {
        Ok(Some(self.0.to_owned()))
    }
}

fn collectors(strict: bool) -> Collectors {
    Collectors {
        os: Box::new(Nothing),
        firmware: Box::new(Failing),
        licensing: Box::new(Oa3x("M4PMN-BQQRJ-QW4G2-RT333-CF8V6")),
        hardware: Box::new(Nothing),
        location: Box::new(Nothing),
        specs: Box::new(Nothing),
        strict,
    }
}

#[test]
fn a_part_of_this_pc_that_cannot_be_read_becomes_a_note() {
    let facts = collect(&collectors(false)).expect("facts");
    assert_eq!(facts.notes, ["the firmware table needs root"]);
    let key = facts
        .firmware_key
        .as_ref()
        .expect("the key Windows read from firmware");
    assert_eq!((key.key.last5(), key.source), ("CF8V6", "firmware"));
    assert_eq!(facts.licensing_channel(), Some(LicenseChannel::Oem));
    assert_eq!(facts.activation_state(), Some((1, None)));
    assert!(
        collect(&collectors(true)).is_err(),
        "a named file must be read"
    );
}

#[test]
fn the_licensing_channel_counts_only_for_the_same_key() {
    let mut c = collectors(false);
    c.licensing = Box::new(Oa3x("not a key"));
    let facts = collect(&c).expect("facts");
    assert!(facts.firmware_key.is_none());
    assert_eq!(facts.licensing_channel(), None);
}
