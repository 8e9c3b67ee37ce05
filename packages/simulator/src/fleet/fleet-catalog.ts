/** Product models the generated fleet draws from (device type, manufacturer and model, as on both platforms). */
export const PRODUCT_CATALOG = [
  {
    deviceType: 'WaterMeter',
    manufacturerId: 'HZWM',
    manufacturerName: 'Hangzhou Water Metering',
    model: 'WM-NB200',
    protocolType: 'CoAP',
  },
  {
    deviceType: 'WaterMeter',
    manufacturerId: 'HZWM',
    manufacturerName: 'Hangzhou Water Metering',
    model: 'WM-NB300',
    protocolType: 'CoAP',
  },
  {
    deviceType: 'GasMeter',
    manufacturerId: 'SZGM',
    manufacturerName: 'Shenzhen Gas Meters',
    model: 'GM-4G10',
    protocolType: 'MQTT',
  },
  {
    deviceType: 'StreetLight',
    manufacturerId: 'GDLT',
    manufacturerName: 'Guangdong Lighting',
    model: 'SL-LTE1',
    protocolType: 'MQTT',
  },
  {
    deviceType: 'StreetLight',
    manufacturerId: 'GDLT',
    manufacturerName: 'Guangdong Lighting',
    model: 'SL-ZB2',
    protocolType: 'MQTT',
  },
  {
    deviceType: 'SmokeDetector',
    manufacturerId: 'BJSD',
    manufacturerName: 'Beijing Safety Devices',
    model: 'SD-NB1',
    protocolType: 'LWM2M',
  },
  {
    deviceType: 'ParkingSensor',
    manufacturerId: 'SHPS',
    manufacturerName: 'Shanghai Parking Systems',
    model: 'PS-NB5',
    protocolType: 'CoAP',
  },
  {
    deviceType: 'ElectricityMeter',
    manufacturerId: 'WHEM',
    manufacturerName: 'Wuhan Energy Meters',
    model: 'EM-3P',
    protocolType: 'MQTT',
  },
  {
    deviceType: 'AirQuality',
    manufacturerId: 'CDAQ',
    manufacturerName: 'Chengdu Air Quality',
    model: 'AQ-PM25',
    protocolType: 'HTTP',
  },
  {
    deviceType: 'Gateway',
    manufacturerId: 'HWGW',
    manufacturerName: 'Edge Gateway Works',
    model: 'GW-AR502',
    protocolType: 'MQTT',
  },
] as const;

/** Installation areas; the legacy `DeviceArea` selector matches these strings exactly. */
export const LOCATION_CATALOG = [
  'Shenzhen-Nanshan',
  'Shenzhen-Futian',
  'Shenzhen-Longgang',
  'Shenzhen-Baoan',
  'Guangzhou-Tianhe',
  'Guangzhou-Haizhu',
  'Shanghai-Pudong',
  'Shanghai-Xuhui',
  'Beijing-Haidian',
  'Beijing-Chaoyang',
  'Hangzhou-Xihu',
  'Hangzhou-Binjiang',
  'Chengdu-Wuhou',
  'Wuhan-Hongshan',
  'Nanjing-Gulou',
  'Xian-Yanta',
] as const;

/** Firmware versions in rollout order: most devices run one of the last three. */
export const FIRMWARE_CATALOG = ['1.0.3', '1.1.0', '1.2.4', '2.0.0', '2.0.1', '2.1.0'] as const;

/** Device statuses as IoTDA's device list reports them, with their share of the fleet. */
export const DEVICE_STATUS_WEIGHTS = [
  ['ONLINE', 0.72],
  ['OFFLINE', 0.2],
  ['ABNORMAL', 0.03],
  ['INACTIVE', 0.04],
  ['FROZEN', 0.01],
] as const;
